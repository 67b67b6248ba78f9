/**
 * Text output of `tfr net`: the node's own peer id, listen addresses and sync state as aligned
 * `label  value` lines, then one row per peer in columns (peer id shortened, validator or
 * "full node", height, bytes in and out in KiB / MiB / GiB, score, direction, address).
 */
import type { NetInfoView, PeerInfoView } from '../api/net-schemas.ts';
import { lines } from './chain-format.ts';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 512 B, 1.5 KiB, 12.3 MiB: one decimal from KiB up (binary units, as the kernel counts). */
export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  let v = n / 1024;
  let unit = 0;
  while (v >= 1024 && unit < UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  // 1023.96 KiB would round to "1024.0 KiB": show the next unit instead.
  if (v.toFixed(1) === '1024.0' && unit < UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${v.toFixed(1)} ${UNITS[unit]}`;
}

/** Peer ids of ed25519 keys all begin with 12D3KooW: keep enough after it to tell peers apart. */
export function shortPeerId(id: string): string {
  return id.length <= 24 ? id : `${id.slice(0, 12)}...${id.slice(-6)}`;
}

/** Gossipsub scores are floats: two decimals at most, no trailing zeros. */
export function scoreText(score: number): string {
  const s = String(Number(score.toFixed(2)));
  return s === '-0' ? '0' : s;
}

const HEADER = ['PEER', 'VALIDATOR', 'HEIGHT', 'IN', 'OUT', 'SCORE', 'DIRECTION', 'ADDRESS'] as const;
/** Right-aligned columns (numbers). */
const RIGHT = new Set<number>([2, 3, 4, 5]);

function peerRow(p: PeerInfoView): string[] {
  return [shortPeerId(p.peerId), p.validator ?? 'full node', p.height === null ? '-' : String(p.height), bytesText(p.bytesIn), bytesText(p.bytesOut), scoreText(p.score), p.direction, p.address];
}

export function peersTable(peers: readonly PeerInfoView[]): string {
  const rows = [[...HEADER], ...peers.map(peerRow)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : RIGHT.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((l) => `${l}\n`)
    .join('');
}

export function netText(n: NetInfoView): string {
  const validators = n.peers.filter((p) => p.validator !== null).length;
  const full = n.peers.length - validators;
  const listen = n.listen.length === 0 ? [['listening', 'nowhere (dials out only)'] as const] : n.listen.map((a, i) => [i === 0 ? 'listening' : '', a] as const);
  const head = lines([
    ['peer id', n.peerId],
    ...listen,
    ['syncing', n.syncing ? 'yes (downloading blocks it is behind on)' : 'no (in consensus)'],
    ['peers', `${n.peers.length} (${validators} validator${validators === 1 ? '' : 's'}, ${full} full node${full === 1 ? '' : 's'})`],
  ]);
  return n.peers.length === 0 ? head : `${head}\n${peersTable(n.peers)}`;
}
