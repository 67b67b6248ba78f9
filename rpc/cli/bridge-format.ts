/**
 * Text output of `tfr anchors` and `tfr bridge transfer`: aligned `label  value` lines (as the
 * chain commands), TFT in tokens, hashes shortened where a list would not fit a terminal.
 */
import type { AnchorsView, BridgeTransferView, CertificateView, RegionView } from '../api/anchor-schemas.ts';
import type { Status } from '../api/schemas.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { hexToBytes } from '@noble/hashes/utils.js';
import { amountText, lines } from './chain-format.ts';

type Rows = Array<[string, string]>;

export const shortHash = (h: string): string => (h.length > 16 ? `${h.slice(0, 8)}...${h.slice(-6)}` : h);

function certificateLine(c: CertificateView): string {
  return `height ${c.height}  signers ${c.signerCount} (weight ${c.signedWeight}, threshold ${c.threshold})  block ${shortHash(c.blockHash)}`;
}

function regionRows(r: RegionView): Rows {
  const rows: Rows = [
    ['region', r.chainId],
    ['  anchored', r.lastHeight === 0 ? 'nothing yet' : `height ${r.lastHeight} (block ${shortHash(r.lastBlockHash)}, accepted in Hub block ${r.lastHubHeight})`],
    ['  validators', `${r.validators}, threshold ${r.threshold} of ${r.totalWeight} (set ${shortHash(r.validatorsHash)})`],
    ['  bridge', r.frozen ? 'FROZEN: fork evidence recorded, the bridge refuses everything' : 'open'],
  ];
  r.certificates.forEach((c, i) => rows.push([i === 0 ? '  certificates' : '', `height ${c.height} (Hub block ${c.hubHeight}, block ${shortHash(c.blockHash)})`]));
  for (const f of r.forks) rows.push(['  fork', `height ${f.height}: accepted ${shortHash(f.acceptedBlockHash)}, conflicting ${shortHash(f.conflictingBlockHash)} (Hub block ${f.hubHeight})`]);
  return rows;
}

export function anchorsText(a: AnchorsView): string {
  if (a.role === 'hub') {
    const head: Rows = [
      ['chain', `${a.chainId} (the Hub)`],
      ['height', String(a.height)],
      ['regions', a.regions.length === 0 ? 'none registered in its genesis (ask for one with --region)' : String(a.regions.length)],
    ];
    return [lines(head), ...a.regions.map((r) => lines(regionRows(r)))].join('\n');
  }
  const rows: Rows = [
    ['chain', `${a.chainId} (a region${a.hubChainId === null ? ', no bridge' : `; bridge to Hub ${a.hubChainId}`})`],
    ['height', String(a.height)],
    ['anchor every', `${a.anchorInterval} blocks`],
  ];
  if (a.validatorSet !== null) rows.push(['certificate set', `${a.validatorSet.validators} validators, threshold ${a.validatorSet.threshold} of ${a.validatorSet.totalWeight} (set ${shortHash(a.validatorSet.hash)})`]);
  const r = a.receipt;
  rows.push(['anchored', r === null ? 'not yet (no Hub receipt recorded)' : `height ${r.height} (accepted in Hub block ${r.hubHeight}, receipt proven at Hub height ${r.provenAtHubHeight})`]);
  if (a.certificates.length === 0) rows.push(['certificates', 'none formed yet']);
  a.certificates.forEach((c, i) => rows.push([i === 0 ? 'certificates' : '', certificateLine(c)]));
  return lines(rows);
}

const tft = (s: Status, amount: string): string => amountText(s, 'TFT', amount);

/** A transfer as one chain knows it; `s` is that chain's status (prefix, TFT decimals). */
export function transferText(t: BridgeTransferView, s: Status): string {
  const rows: Rows = [
    ['transfer', t.id],
    ['on chain', `${t.chainId} at height ${t.height}`],
  ];
  if (t.claim !== null) {
    rows.push(['status', `claimed here in block ${t.claim.height}`], ['paid', `${tft(s, t.claim.amount)} to ${encodeAddress(s.addressPrefix, hexToBytes(t.claim.recipient))}`]);
  }
  if (t.transfer !== null) {
    const x = t.transfer;
    if (t.claim === null) rows.push(['status', `sent from here in block ${x.height}; whether ${x.destination} paid it, ask a node of ${x.destination}`]);
    rows.push(
      ['amount', tft(s, x.amount)],
      ['from', `${encodeAddress(s.addressPrefix, hexToBytes(x.sender))} (${x.source})`],
      ['to', `${x.recipient} (address bytes on ${x.destination})`],
    );
  }
  return lines(rows);
}
