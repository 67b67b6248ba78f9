/**
 * The relayer between one region and the Hub, over their RPCs (SDK clients, injectable: tests use
 * doubles). Each round it
 *   (a) brings the Hub's receipt back: the Hub's RegionRecord proven at the Hub block after the one
 *       that accepted the last certificate (header + commit + Merkle proof), `bridge.receipt` on the
 *       region;
 *   (b) submits the newest aggregate certificate the region formed above the Hub's last accepted
 *       height (`anchor.submit` on the Hub) and waits for its block (its receipt comes next round);
 *   (c) relays deposits: scans Hub blocks for committed `bridge/deposit` txs, and for each transfer
 *       to this region not yet claimed there, proves the TransferRecord on the Hub and submits
 *       `bridge.claim` on the region;
 *   (d) optionally (`releaseWithdrawals`) releases withdrawals: scans region blocks for
 *       `bridge/withdraw` txs and, once a certificate above the withdrawal is anchored, proves the
 *       record on the region at that height and submits `bridge.release` on the Hub.
 * The same key signs on both chains (one ed25519 key, an address per chain prefix); it pays fees
 * on both. Every step's errors are logged and retried in a later round: the loop never stops on
 * them. The decisions are pure (relayer-plan.ts). With a `store`, the scan positions and the
 * transfers still pending are saved after each round and a restarted relayer resumes from them
 * (relayer-state.ts, relayer-resume.ts).
 */
import { RpcError } from '../client/rpc-error.ts';
import { anchorSubmit, bridgeClaim, bridgeRelease, bridgeReceipt, BRIDGE_COMMANDS, BRIDGE_MODULE, releaseInputOf, transferIdOf } from '../client/bridge.ts';
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import type { TfrClient } from '../client/client.ts';
import type { CommandTxResult } from '../client/command-tx.ts';
import type { AnchorsView, RegionView } from '../api/anchor-schemas.ts';
import { certificateToSubmit, FINAL_TRANSFER_CODES, okTxHashes, receiptProofHeight, releaseHeight, scanRange } from './relayer-plan.ts';
import { resumeState, type LiveChain } from './relayer-resume.ts';
import { encodeRelayerState, type RelayerState, type RelayerStateStore, type ScanCursor } from './relayer-state.ts';

export type RelayerLevel = 'info' | 'warn' | 'error';
export type RelayerLog = (level: RelayerLevel, message: string, fields?: Readonly<Record<string, string | number | boolean>>) => void;

export interface RelayerOptions {
  readonly region: TfrClient;
  readonly hub: TfrClient;
  /** ed25519 secret key (32 bytes) that signs on both chains. */
  readonly secretKey: Uint8Array;
  readonly log?: RelayerLog;
  /** Also release withdrawals on the Hub once anchored (users can do it themselves: `tfr bridge withdraw --release`). */
  readonly releaseWithdrawals?: boolean;
  /** First Hub height scanned for deposits (default 1); a saved position below it is raised to it. */
  readonly depositsFrom?: number;
  /** First region height scanned for withdrawals (default 1); likewise. */
  readonly withdrawalsFrom?: number;
  /** Where the scan positions and pending transfers are saved after each round and resumed from (none: memory only, a restart rescans). */
  readonly store?: RelayerStateStore;
  /** The nodes' wait for each commit, ms (default 15000). */
  readonly commitTimeoutMs?: number;
}

/** What one round did (tests and the CLI's log read it). */
export interface RoundReport {
  submitted: number | undefined;
  receipt: number | undefined;
  claimed: string[];
  released: string[];
  errors: string[];
}

interface Pending {
  /** Source height of the tx that created it. */
  readonly height: number;
}

export class Relayer {
  private readonly log: RelayerLog;
  private hubScan: ScanCursor;
  private regionScan: ScanCursor;
  /** The saved state was read (or there is no store): scans may run and the state is saved. */
  private resumed: boolean;
  /** The text last saved, not written again while nothing changes. */
  private saved: string | undefined;
  private readonly deposits = new Map<string, Pending>();
  private readonly withdrawals = new Map<string, Pending>();
  /** Aggregate heights the Hub refused: not submitted again. */
  private readonly refused = new Set<number>();
  private regionChainId: string | undefined;

  constructor(private readonly o: RelayerOptions) {
    this.log = o.log ?? (() => undefined);
    this.hubScan = { next: o.depositsFrom ?? 1, lastHash: null };
    this.regionScan = { next: o.withdrawalsFrom ?? 1, lastHash: null };
    this.resumed = o.store === undefined;
  }

  /** The next heights to scan (tests, log lines). */
  positions(): { hub: number; region: number } {
    return { hub: this.hubScan.next, region: this.regionScan.next };
  }

  /** Deposits and withdrawals seen and not yet relayed (ids). */
  pending(): { deposits: string[]; withdrawals: string[] } {
    return { deposits: [...this.deposits.keys()], withdrawals: [...this.withdrawals.keys()] };
  }

  private opts() {
    return { secretKey: this.o.secretKey, ...(this.o.commitTimeoutMs !== undefined && { timeoutMs: this.o.commitTimeoutMs }) };
  }

  /** One pass of every step; a step's failure is logged and reported, and the next step still runs. */
  async round(): Promise<RoundReport> {
    const report: RoundReport = { submitted: undefined, receipt: undefined, claimed: [], released: [], errors: [] };
    const step = async (name: string, run: () => Promise<void>): Promise<void> => {
      try {
        await run();
      } catch (e) {
        const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'ERROR';
        const message = e instanceof Error ? e.message : String(e);
        report.errors.push(`${name}: ${code}: ${message}`);
        this.log(e instanceof RpcError && (e.code === 'RPC_UNREACHABLE' || e.code === 'RPC_TIMEOUT') ? 'warn' : 'error', `${name} failed: ${code}: ${message}`, { step: name, code });
      }
    };
    let region: AnchorsView | undefined;
    let hubRegion: RegionView | undefined;
    let hubHeight = 0;
    let hubChainId = '';
    await step('read', async () => {
      region = await this.o.region.anchors();
      this.regionChainId = region.chainId;
      const hub = await this.o.hub.anchors({ region: region.chainId, limit: 1 });
      if (hub.role !== 'hub') throw new RpcError('RPC_BAD_RESPONSE', `${this.o.hub.url} is not a Hub (its /anchors says role ${hub.role})`, 0);
      if (region.hubChainId !== null && region.hubChainId !== hub.chainId) {
        throw new RpcError('RPC_BAD_RESPONSE', `the region's bridge is to Hub ${region.hubChainId}, but ${this.o.hub.url} is ${hub.chainId}`, 0);
      }
      hubRegion = hub.regions[0];
      hubHeight = hub.height;
      hubChainId = hub.chainId;
    });
    if (region === undefined || hubRegion === undefined) return report;
    const r = region;
    let last = hubRegion;

    // The receipt first: it proves the record as read at the start of the round, whose proof block
    // usually exists by now. After this round's submit, the record's proof block is the next Hub
    // block, so a relayer that anchored every round before bringing receipts would never bring one.
    await step('receipt', async () => {
      const at = receiptProofHeight(r, last, hubHeight);
      if (at === undefined) return;
      const proof = await this.o.hub.stateProof(anchorKeys.region(r.chainId), at);
      const out = await outcome(bridgeReceipt(this.o.region, { ...this.opts(), proof }));
      if (out.code !== 'OK') {
        this.log('warn', `bridge.receipt of anchored height ${last.lastHeight} refused: ${out.code}: ${out.message}`, { hubHeight: at, code: out.code });
        return;
      }
      report.receipt = last.lastHeight;
      this.log('info', `region recorded the Hub receipt: anchored height ${last.lastHeight} (proven at Hub height ${at})`, { height: last.lastHeight, hubHeight: at });
    });

    await step('anchor', async () => {
      const cert = certificateToSubmit(r.certificates, last.lastHeight);
      if (cert === undefined || this.refused.has(cert.height)) return;
      const out = await outcome(anchorSubmit(this.o.hub, { ...this.opts(), aggregate: cert.aggregate }));
      if (out.code !== 'OK') {
        this.refused.add(cert.height);
        this.log('warn', `anchor.submit of region height ${cert.height} refused: ${out.code}: ${out.message}`, { height: cert.height, code: out.code });
        return;
      }
      report.submitted = cert.height;
      this.log('info', `anchored region height ${cert.height} in Hub block ${out.height}`, { height: cert.height, hubHeight: out.height });
      const hub = await this.o.hub.anchors({ region: r.chainId, limit: 1 });
      last = hub.regions[0] ?? last;
      hubHeight = hub.height;
    });

    if (r.hubChainId !== null) {
      // The scans start where the saved state says, so nothing is scanned before it is read.
      await step('resume', () => this.resume({ client: this.o.hub, chainId: hubChainId, height: hubHeight }, { client: this.o.region, chainId: r.chainId, height: r.height }));
      if (!this.resumed) return report;
      await step('deposits', async () => {
        await this.scan(this.o.hub, this.hubScan, hubHeight, BRIDGE_COMMANDS.deposit, this.deposits, (c) => (this.hubScan = c));
        await this.claimDeposits(hubHeight, report);
      });
      if (this.o.releaseWithdrawals === true) {
        await step('withdrawals', async () => {
          await this.scan(this.o.region, this.regionScan, r.height, BRIDGE_COMMANDS.withdraw, this.withdrawals, (c) => (this.regionScan = c));
          await this.releaseWithdrawals(last.lastHeight, report);
        });
      }
      // Positions and pending transfers are saved together: one never goes without the other.
      await step('save', () => this.save(hubChainId, r.chainId));
    }
    return report;
  }

  /** Once, before the first scan: the saved positions and pending transfers, if they are these chains'. */
  private async resume(hub: LiveChain, region: LiveChain): Promise<void> {
    if (this.resumed || this.o.store === undefined) return;
    const state = await resumeState(this.o.store, hub, region, this.log);
    if (state !== undefined) {
      // A `from` option above the saved position is a floor (a position below it has no known hash).
      const floor = (c: ScanCursor, from: number): ScanCursor => (c.next >= from ? { next: c.next, lastHash: c.lastHash } : { next: from, lastHash: null });
      this.hubScan = floor(state.hub, this.o.depositsFrom ?? 1);
      this.regionScan = floor(state.region, this.o.withdrawalsFrom ?? 1);
      for (const [id, height] of Object.entries(state.deposits)) this.deposits.set(id, { height });
      for (const [id, height] of Object.entries(state.withdrawals)) this.withdrawals.set(id, { height });
    }
    this.resumed = true;
  }

  private async save(hubChainId: string, regionChainId: string): Promise<void> {
    if (this.o.store === undefined) return;
    const pending = (m: Map<string, Pending>): Record<string, number> => Object.fromEntries([...m].map(([id, p]) => [id, p.height]));
    const state: RelayerState = {
      version: 1,
      hub: { chainId: hubChainId, ...this.hubScan },
      region: { chainId: regionChainId, ...this.regionScan },
      deposits: pending(this.deposits),
      withdrawals: pending(this.withdrawals),
    };
    const text = encodeRelayerState(state);
    if (text === this.saved) return;
    await this.o.store.save(text);
    this.saved = text;
  }

  /**
   * Reads blocks [next, tip] (bounded per round) and records the ids of committed bridge txs of
   * `command`; the position moves block by block (`moved`), so a failure keeps what was read.
   */
  private async scan(client: TfrClient, from: ScanCursor, tip: number, command: string, into: Map<string, Pending>, moved: (c: ScanCursor) => void): Promise<void> {
    const range = scanRange(from.next, tip);
    if (range === undefined) return;
    for (let h = range.from; h <= range.to; h++) {
      const block = await client.block(h);
      const found: string[] = []; // recorded with the move past the block: a saved transfer is always below the position
      for (const hash of okTxHashes(block)) {
        const view = await client.tx(hash);
        if (view.tx.module !== BRIDGE_MODULE || view.tx.command !== command) continue;
        const id = transferIdOf(view);
        if (id === undefined) this.log('warn', `${BRIDGE_MODULE}/${command} tx ${hash} at height ${h} announces no transfer id`, { height: h });
        else found.push(id);
      }
      for (const id of found) into.set(id, { height: h });
      moved({ next: h + 1, lastHash: block.hash.toLowerCase() });
    }
  }

  private async claimDeposits(hubHeight: number, report: RoundReport): Promise<void> {
    for (const [id, p] of [...this.deposits]) {
      const sent = await this.o.hub.bridgeTransfer(id);
      const t = sent.transfer;
      if (t === null || t.destination !== this.regionChainId) {
        this.deposits.delete(id);
        continue;
      }
      if (await this.claimedOn(this.o.region, id)) {
        this.deposits.delete(id);
        continue;
      }
      const at = Math.max(p.height, t.height) + 1;
      if (hubHeight < at) continue;
      const proof = await this.o.hub.stateProof(t.key, at);
      const out = await outcome(bridgeClaim(this.o.region, { ...this.opts(), proof }));
      if (out.code === 'OK') {
        report.claimed.push(id);
        this.log('info', `claimed deposit ${id} on the region (${t.amount} TFT base units)`, { id, amount: t.amount });
      } else this.log('warn', `bridge.claim of ${id} refused: ${out.code}: ${out.message}`, { id, code: out.code });
      if (out.code === 'OK' || FINAL_TRANSFER_CODES.has(out.code)) this.deposits.delete(id);
    }
  }

  private async releaseWithdrawals(anchored: number, report: RoundReport): Promise<void> {
    const region = this.regionChainId;
    if (region === undefined) return;
    for (const [id] of [...this.withdrawals]) {
      const sent = await this.o.region.bridgeTransfer(id);
      const t = sent.transfer;
      if (t === null) {
        this.withdrawals.delete(id);
        continue;
      }
      const at = releaseHeight(t.height, anchored);
      if (at === undefined) continue;
      if (await this.claimedOn(this.o.hub, id)) {
        this.withdrawals.delete(id);
        continue;
      }
      const proof = await this.o.region.stateProof(t.key, at);
      const out = await outcome(bridgeRelease(this.o.hub, { ...this.opts(), ...releaseInputOf(region, proof) }));
      if (out.code === 'OK') {
        report.released.push(id);
        this.log('info', `released withdrawal ${id} on the Hub against anchored height ${at}`, { id, height: at });
      } else this.log('warn', `bridge.release of ${id} refused: ${out.code}: ${out.message}`, { id, code: out.code });
      if (out.code === 'OK' || FINAL_TRANSFER_CODES.has(out.code)) this.withdrawals.delete(id);
    }
  }

  /** Whether `client`'s chain paid transfer `id` already. */
  private async claimedOn(client: TfrClient, id: string): Promise<boolean> {
    try {
      return (await client.bridgeTransfer(id)).status === 'claimed';
    } catch (e) {
      if (e instanceof RpcError && e.code === 'BRIDGE_UNKNOWN_TRANSFER') return false;
      throw e;
    }
  }
}

/**
 * How a signed command ended: its block's code ('OK' or the failure code, fee charged), or the
 * code of the node's refusal (4xx: invalid now, e.g. ANCHOR_STALE_HEIGHT, BRIDGE_ALREADY_CLAIMED:
 * nothing was charged). Other errors (unreachable, 5xx, wait timeout) propagate: retried later.
 */
export async function outcome(submit: Promise<CommandTxResult>): Promise<{ code: string; message: string; height: number }> {
  try {
    const r = await submit;
    const code = r.view?.code ?? 'RPC_WAIT_TIMEOUT';
    return { code, message: code === 'OK' ? 'committed' : `tx ${r.hash} in block ${r.view?.height ?? '?'}`, height: r.view?.height ?? 0 };
  } catch (e) {
    if (e instanceof RpcError && e.status >= 400 && e.status < 500 && e.code !== 'RPC_RATE_LIMITED') return { code: e.code, message: e.message, height: 0 };
    throw e;
  }
}

export interface RunOptions {
  /** Pause between rounds, ms (default 1000). */
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Checked before each round: true stops the loop. */
  readonly stopped: () => boolean;
  /** Called after each round. */
  readonly onRound?: (r: RoundReport) => void;
}

/** Rounds until `stopped()`; a round that throws (a bug) is logged, never fatal. */
export async function runRelayer(relayer: Relayer, o: RunOptions, log: RelayerLog = () => undefined): Promise<void> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  while (!o.stopped()) {
    try {
      // Not `o.onRound?.(await relayer.round())`: an absent onRound would skip the round itself.
      const report = await relayer.round();
      o.onRound?.(report);
    } catch (e) {
      log('error', `relayer round failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (o.stopped()) break;
    await sleep(o.pollMs ?? 1000);
  }
}

