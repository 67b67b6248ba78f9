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
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
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

export class Mempool {
  private txs: CheckedTx[] = [];
  private readonly hashes = new Set<string>();
  private bytes = 0;
  private checkState: StateOverlay;

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

  has(hash: Uint8Array): boolean {
    return this.hashes.has(toHex(hash));
  }

  /** A pending tx by hash (for the RPC's GET /txs/:hash). */
  pending(hash: Uint8Array): CheckedTx['tx'] | undefined {
    if (!this.hashes.has(toHex(hash))) return undefined;
    return this.txs.find((c) => bytesEqual(c.tx.hash, hash))?.tx;
  }

  /** The committed state with every pending tx applied (a sender's next nonce, for the RPC). */
  pendingState(): StateReader {
    return this.checkState;
  }

  /** Admits a tx or throws the ChainError that says why not; the pool is unchanged on error. */
  async add(bytes: Uint8Array): Promise<{ hash: Uint8Array }> {
    const { config } = this;
    if (this.txs.length >= config.maxTxs || this.bytes + bytes.length > config.maxBytes) {
      throw new ChainError('MEMPOOL_FULL', `the mempool is full (${this.txs.length} txs, ${this.bytes} bytes)`);
    }
    const checked = checkTxStateless(bytes, { chainId: config.chainId, height: this.base.nextHeight, maxTxBytes: config.maxTxBytes, registry: config.registry });
    const hex = toHex(checked.tx.hash);
    if (this.hashes.has(hex)) throw new ChainError('MEMPOOL_DUPLICATE', `tx ${hex} is already in the mempool`);
    const [ok] = await config.verifier.verifyAll([{ publicKey: checked.tx.sender, message: checked.tx.signBytes, signature: checked.tx.signature }]);
    if (ok !== true) throw new ChainError('TX_BAD_SIGNATURE', 'signature does not verify for the sender key');
    await this.admit(checked);
    return { hash: checked.tx.hash };
  }

  /** The longest prefix within the limits: a valid block body, in order. */
  reap(maxTxs: number, maxBytes: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    let n = 0;
    for (const { tx } of this.txs) {
      if (out.length >= maxTxs || n + tx.bytes.length > maxBytes) break;
      out.push(tx.bytes);
      n += tx.bytes.length;
    }
    return out;
  }

  /**
   * After a commit: forget the block's txs (`included`: their encoded bytes), recheck the rest
   * against the new state. Returns how many pending txs were dropped as no longer valid.
   */
  async update(base: MempoolBase, included: readonly Uint8Array[]): Promise<number> {
    const gone = new Set(included.map((bytes) => toHex(sha256(bytes))));
    const pending = this.txs.filter((c) => !gone.has(toHex(c.tx.hash)));
    this.base = base;
    this.txs = [];
    this.hashes.clear();
    this.bytes = 0;
    this.checkState = new StateOverlay(base.state);
    let dropped = 0;
    for (const c of pending) {
      try {
        const rechecked = checkTxStateless(c.tx.bytes, { chainId: this.config.chainId, height: base.nextHeight, maxTxBytes: this.config.maxTxBytes, registry: this.config.registry });
        await this.admit(rechecked);
      } catch (e) {
        if (!(e instanceof ChainError)) throw e;
        dropped++;
      }
    }
    return dropped;
  }

  private async admit(checked: CheckedTx): Promise<void> {
    const layer = this.checkState.child();
    const block = { chainId: this.config.chainId, height: this.base.nextHeight, time: this.base.time };
    const result = await runTx(this.config.registry, block, layer, checked);
    if (result.code !== 'OK') throw new ChainError(result.code, `the tx would fail in the next block: ${result.code}`);
    layer.mergeInto(this.checkState);
    this.txs.push(checked);
    this.hashes.add(toHex(checked.tx.hash));
    this.bytes += checked.tx.bytes.length;
  }
}
