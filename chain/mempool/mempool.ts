/**
 * The mempool: txs waiting for a block, kept in arrival order. A tx is admitted only if it would
 * succeed as the next tx of the next block: stateless checks for the next height, its signature,
 * then `runTx` on the mempool's *check state* — the committed state with every pending tx already
 * applied. So nonces must follow on from the sender's pending txs, the fee must be payable after
 * them, and an overdraft is refused with its code at the door instead of costing a fee later.
 * A tx that would only *fail* (a slippage bound, say) is refused too: nobody wants to pay for it.
 *
 * Any prefix of the pool is therefore a valid block (`reap`). After a block is committed, `update`
 * drops the included txs and re-admits the rest against the new state (rechecking nonces,
 * balances and expiry), dropping those no longer valid.
 *
 * Calls that change the pool (`add`, `update`) run one at a time, in call order: admission awaits
 * (signatures, state reads), and two interleaved admissions would each check against a state
 * without the other's tx. One pool may serve several validators of one process (`tfr testnet`):
 * `update` only moves forward (the first validator to commit a block rebases the pool, the others'
 * calls for the same height are no-ops) and `reap` answers only for the height the pool is at.
 */
import { toHex } from '../codec/bytes.ts';
import { sha256 } from '../codec/hash.ts';
import { ChainError } from '../errors.ts';
import { checkTxStateless, type CheckedTx } from '../execution/check-tx.ts';
import type { ModuleRegistry } from '../execution/module-registry.ts';
import { runTx } from '../execution/run-tx.ts';
import type { StateReader } from '../execution/state-access.ts';
import { StateOverlay } from '../execution/state-overlay.ts';
import type { SignatureVerifier } from '../tx/signature-verifier.ts';

export interface MempoolConfig {
  readonly chainId: string;
  readonly registry: ModuleRegistry;
  readonly verifier: SignatureVerifier;
  readonly maxTxBytes: number;
  readonly maxTxs: number;
  readonly maxBytes: number;
}

/** The chain state a mempool checks against: the committed state, the next height, its time. */
export interface MempoolBase {
  readonly state: StateReader;
  readonly nextHeight: number;
  /** Time assumed for the next block (ms); the tip's time is a fine lower bound. */
  readonly time: number;
}

interface Pending {
  readonly checked: CheckedTx;
  /** Hex of the tx hash. */
  readonly key: string;
}

export class Mempool {
  private txs: Pending[] = [];
  private byHash = new Map<string, Pending>();
  private bytes = 0;
  private checkState: StateOverlay;
  /** Tail of the chain of pool-changing calls (see `exclusive`). */
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: MempoolConfig,
    private base: MempoolBase,
  ) {
    this.checkState = new StateOverlay(base.state);
  }

  get size(): number {
    return this.txs.length;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** The height of the block the pool is checked for (the committed tip + 1). */
  get nextHeight(): number {
    return this.base.nextHeight;
  }

  has(hash: Uint8Array): boolean {
    return this.byHash.has(toHex(hash));
  }

  /** A pending tx by hash (for the RPC's GET /txs/:hash). */
  pending(hash: Uint8Array): CheckedTx['tx'] | undefined {
    return this.byHash.get(toHex(hash))?.checked.tx;
  }

  /** The committed state with every pending tx applied (a sender's next nonce, for the RPC). */
  pendingState(): StateReader {
    return this.checkState;
  }

  /**
   * Admits a tx or throws the ChainError that says why not; the pool is unchanged on error.
   * The tx is decoded and its signature check started at once (checks of queued calls run side by
   * side, on a thread-pool verifier in parallel with the rest); the pool itself takes calls in order.
   */
  add(bytes: Uint8Array): Promise<{ hash: Uint8Array }> {
    let checked: CheckedTx;
    let signature: Promise<boolean[]>;
    try {
      this.refuse(bytes.length, bytes.length <= this.config.maxTxBytes ? toHex(sha256(bytes)) : undefined);
      checked = checkTxStateless(bytes, { chainId: this.config.chainId, height: this.base.nextHeight, maxTxBytes: this.config.maxTxBytes, registry: this.config.registry });
      signature = this.config.verifier.verifyAll([{ publicKey: checked.tx.sender, message: checked.tx.signBytes, signature: checked.tx.signature }]);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.exclusive(() => this.addNow(checked, signature));
  }

  /**
   * The longest prefix within the limits: a valid block body, in order. With `nextHeight` (the
   * height of the block being built), nothing unless the pool is checked for that very height.
   */
  reap(maxTxs: number, maxBytes: number, nextHeight?: number): Uint8Array[] {
    if (nextHeight !== undefined && nextHeight !== this.base.nextHeight) return [];
    const out: Uint8Array[] = [];
    let n = 0;
    for (const { checked } of this.txs) {
      const { bytes } = checked.tx;
      if (out.length >= maxTxs || n + bytes.length > maxBytes) break;
      out.push(bytes);
      n += bytes.length;
    }
    return out;
  }

  /**
   * After a commit: forget the block's txs (`included`: their encoded bytes), recheck the rest
   * against the new state. Returns how many pending txs were dropped as no longer valid.
   * A base that is not past the pool's (another validator sharing the pool got there first, or
   * one lagging behind) changes nothing.
   */
  update(base: MempoolBase, included: readonly Uint8Array[]): Promise<number> {
    return this.exclusive(() => this.updateNow(base, included));
  }

  /** Runs pool-changing calls one after the other, in call order, whatever each one's outcome. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.last.then(fn);
    this.last = run.catch(() => undefined);
    return run;
  }

  /** Full, or known already (gossip sends a tx many times: then it costs no decoding). */
  private refuse(length: number, key: string | undefined): void {
    const { config } = this;
    if (this.txs.length >= config.maxTxs || this.bytes + length > config.maxBytes) {
      throw new ChainError('MEMPOOL_FULL', `the mempool is full (${this.txs.length} txs, ${this.bytes} bytes)`);
    }
    if (key !== undefined && this.byHash.has(key)) throw new ChainError('MEMPOOL_DUPLICATE', `tx ${key} is already in the mempool`);
  }

  private async addNow(checked: CheckedTx, signature: Promise<boolean[]>): Promise<{ hash: Uint8Array }> {
    const { tx } = checked;
    const [ok] = await signature;
    if (ok !== true) throw new ChainError('TX_BAD_SIGNATURE', 'signature does not verify for the sender key');
    // Again, now that it is this call's turn: earlier calls may have filled the pool, added this tx
    // or moved the pool to a later height.
    const key = toHex(tx.hash);
    this.refuse(tx.bytes.length, key);
    if (tx.expiry < this.base.nextHeight) throw new ChainError('TX_EXPIRED', `tx expired at height ${tx.expiry}, block height is ${this.base.nextHeight}`);
    await this.admit(checked, this.base, this.checkState);
    const entry = { checked, key };
    this.txs.push(entry);
    this.byHash.set(entry.key, entry);
    this.bytes += tx.bytes.length;
    return { hash: tx.hash };
  }

  private async updateNow(base: MempoolBase, included: readonly Uint8Array[]): Promise<number> {
    if (base.nextHeight <= this.base.nextHeight) return 0;
    const gone = new Set(included.map((bytes) => toHex(sha256(bytes))));
    // Rebuilt aside and swapped in at the end, so `reap` never sees a half-rebuilt pool.
    const checkState = new StateOverlay(base.state);
    const txs: Pending[] = [];
    const byHash = new Map<string, Pending>();
    let bytes = 0;
    let dropped = 0;
    for (const entry of this.txs) {
      if (gone.has(entry.key)) continue;
      try {
        // The stateless checks passed for an earlier height; of them only the expiry depends on it.
        const { tx } = entry.checked;
        if (tx.expiry < base.nextHeight) throw new ChainError('TX_EXPIRED', `tx expired at height ${tx.expiry}`);
        await this.admit(entry.checked, base, checkState);
      } catch (e) {
        if (!(e instanceof ChainError)) throw e;
        dropped++;
        continue;
      }
      txs.push(entry);
      byHash.set(entry.key, entry);
      bytes += entry.checked.tx.bytes.length;
    }
    this.base = base;
    this.checkState = checkState;
    this.txs = txs;
    this.byHash = byHash;
    this.bytes = bytes;
    return dropped;
  }

  /** Runs the tx as the next one of the next block on `checkState`; throws its code if it would not succeed. */
  private async admit(checked: CheckedTx, base: MempoolBase, checkState: StateOverlay): Promise<void> {
    const layer = checkState.child();
    const block = { chainId: this.config.chainId, height: base.nextHeight, time: base.time };
    const result = await runTx(this.config.registry, block, layer, checked);
    if (result.code !== 'OK') throw new ChainError(result.code, `the tx would fail in the next block: ${result.code}`);
    layer.mergeInto(checkState);
  }
}
