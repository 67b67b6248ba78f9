/**
 * Blocks, results and the tx index in the node's KvStore (prefixes from state/key-prefixes.ts).
 * `blockOps` returns the writes for one block — block by height, height by hash, every tx's
 * location, the results — and `tipOps` the node's own — the commit that decided it, the new tip —
 * so the caller commits them with the state in ONE batch.
 *
 * The block records are the same for every validator of the chain (the chain is final), so the
 * validators of one process (`tfr testnet`) may keep them in one shared store, written once
 * (chain-store.ts). Each validator's own store then holds its tip, genesis hash and commits, and
 * this store reads the shared records only up to its own tip: a record above it is another
 * validator's progress, not yet this one's.
 */
import { u64be, readU64be, utf8 } from '../codec/bytes.ts';
import { KEY_PREFIX, prefixed } from '../state/key-prefixes.ts';
import type { KvOp, KvStore } from '../state/kv-store.ts';
import { ChainError } from '../errors.ts';
import type { Block, BlockResults, TxResult } from './block.ts';
import { decodeBlock, decodeResults } from './block-codec.ts';
import { decodeTip, encodeTip, type ChainTip } from './chain-tip.ts';
import type { Commit } from '../consensus/messages.ts';
import { decodeCommit, encodeCommit } from '../consensus/message-codec.ts';

const TIP_KEY = prefixed(KEY_PREFIX.meta, utf8('tip'));
const GENESIS_KEY = prefixed(KEY_PREFIX.meta, utf8('genesis'));

export interface TxLocation {
  readonly height: number;
  readonly index: number;
}

export interface StoredTx extends TxLocation {
  readonly bytes: Uint8Array;
  readonly result: TxResult;
}

/** A block's writes: the records every validator of the chain has alike, and the node's own. */
export interface BlockRecords {
  readonly shared: readonly KvOp[];
  readonly own: readonly KvOp[];
}

/** Where the records every validator has alike are read, and up to which height they are ours. */
export interface SharedBlockRecords {
  readonly kv: KvStore;
  readonly tipHeight: () => number;
}

export class BlockStore {
  /** Blocks, results and the tx index: `kv` itself, or a store shared by the process. */
  private readonly records: KvStore;
  private readonly tipHeight: () => number;

  constructor(
    private readonly kv: KvStore,
    shared?: SharedBlockRecords,
  ) {
    this.records = shared?.kv ?? kv;
    this.tipHeight = shared?.tipHeight ?? (() => Number.MAX_SAFE_INTEGER);
  }

  /** Block by height, height by hash, the results and each tx's location: the same for every validator. */
  static blockOps(height: number, blockBytes: Uint8Array, hash: Uint8Array, txHashes: readonly Uint8Array[], resultsBytes: Uint8Array): KvOp[] {
    const h = u64be(height);
    const ops: KvOp[] = [
      { type: 'put', key: prefixed(KEY_PREFIX.blockByHeight, h), value: blockBytes },
      { type: 'put', key: prefixed(KEY_PREFIX.heightByHash, hash), value: h },
      { type: 'put', key: prefixed(KEY_PREFIX.resultsByHeight, h), value: resultsBytes },
    ];
    txHashes.forEach((txHash, i) => {
      const location = new Uint8Array(12);
      location.set(h);
      new DataView(location.buffer).setUint32(8, i);
      ops.push({ type: 'put', key: prefixed(KEY_PREFIX.txByHash, txHash), value: location });
    });
    return ops;
  }

  /** The node's own records of a block: the commit that decided it (if any) and the new tip. */
  static tipOps(tip: ChainTip, commit: Commit | undefined): KvOp[] {
    return [...(commit === undefined ? [] : BlockStore.commitOps(commit)), { type: 'put', key: TIP_KEY, value: encodeTip(tip) }];
  }

  /** Replaces the stored commit of a block by a fuller one (more signers for the same block). */
  static commitOps(commit: Commit): KvOp[] {
    return [{ type: 'put', key: prefixed(KEY_PREFIX.commitByHeight, u64be(commit.height)), value: encodeCommit(commit) }];
  }

  static genesisOps(genesisHash: Uint8Array, resultsBytes: Uint8Array, tip: ChainTip): BlockRecords {
    return {
      shared: [{ type: 'put', key: prefixed(KEY_PREFIX.resultsByHeight, u64be(0)), value: resultsBytes }],
      own: [
        { type: 'put', key: GENESIS_KEY, value: genesisHash },
        { type: 'put', key: TIP_KEY, value: encodeTip(tip) },
      ],
    };
  }

  async tip(): Promise<ChainTip | undefined> {
    const raw = await this.kv.get(TIP_KEY);
    return raw === undefined ? undefined : this.decodeStored(raw, decodeTip);
  }

  async genesisHash(): Promise<Uint8Array | undefined> {
    return this.kv.get(GENESIS_KEY);
  }

  async blockBytes(height: number): Promise<Uint8Array | undefined> {
    if (height > this.tipHeight()) return undefined;
    return this.records.get(prefixed(KEY_PREFIX.blockByHeight, u64be(height)));
  }

  async block(height: number): Promise<Block | undefined> {
    const raw = await this.blockBytes(height);
    return raw === undefined ? undefined : this.decodeStored(raw, decodeBlock);
  }

  /** The commit that decided the block at `height`, as stored with it (also in block height + 1). */
  async commit(height: number): Promise<Commit | undefined> {
    const raw = await this.kv.get(prefixed(KEY_PREFIX.commitByHeight, u64be(height)));
    return raw === undefined ? undefined : this.decodeStored(raw, decodeCommit);
  }

  async heightOf(hash: Uint8Array): Promise<number | undefined> {
    const raw = await this.records.get(prefixed(KEY_PREFIX.heightByHash, hash));
    const height = raw === undefined ? undefined : readU64be(raw);
    return height === undefined || height > this.tipHeight() ? undefined : height;
  }

  async blockByHash(hash: Uint8Array): Promise<Block | undefined> {
    const h = await this.heightOf(hash);
    return h === undefined ? undefined : this.block(h);
  }

  async results(height: number): Promise<BlockResults | undefined> {
    if (height > this.tipHeight()) return undefined;
    const raw = await this.records.get(prefixed(KEY_PREFIX.resultsByHeight, u64be(height)));
    return raw === undefined ? undefined : this.decodeStored(raw, decodeResults);
  }

  async txLocation(txHash: Uint8Array): Promise<TxLocation | undefined> {
    const raw = await this.records.get(prefixed(KEY_PREFIX.txByHash, txHash));
    if (raw === undefined) return undefined;
    const location = { height: readU64be(raw), index: new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(8) };
    return location.height > this.tipHeight() ? undefined : location;
  }

  async tx(txHash: Uint8Array): Promise<StoredTx | undefined> {
    const loc = await this.txLocation(txHash);
    if (loc === undefined) return undefined;
    const [block, results] = await Promise.all([this.block(loc.height), this.results(loc.height)]);
    const bytes = block?.txs[loc.index];
    const result = results?.txs[loc.index];
    if (bytes === undefined || result === undefined) throw new ChainError('STATE_CORRUPT', `tx index points at a missing block or result (height ${loc.height})`);
    return { ...loc, bytes, result };
  }

  private decodeStored<T>(raw: Uint8Array, decode: (b: Uint8Array) => T): T {
    try {
      return decode(raw);
    } catch (e) {
      throw new ChainError('STATE_CORRUPT', `stored record does not decode: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
