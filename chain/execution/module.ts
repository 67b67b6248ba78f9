/**
 * The one shape every application module has (after Lisk SDK's module model): commands with a
 * read-only `verify` and a writable `execute`, optional tx hooks for checks and charges that
 * apply to every tx (the ledger's nonce and fee), block hooks, and a genesis initializer.
 *
 * Contract, enforced by block execution:
 * - `decodeParams` is stateless; a failure makes the tx invalid (TX_BAD_PARAMS).
 * - `verifyTx` hooks and `Command.verify` read state as it stands at the tx's position in the
 *   block; a ChainError there makes the tx invalid, and a block that includes it is rejected.
 * - `beforeCommand` hooks write to the block layer: their effects (fee, nonce) stay even if the
 *   command then fails.
 * - `execute` writes to the tx's own layer; a ChainError there makes the tx *failed*: it stays in
 *   the block with that code, its layer is dropped. Any other exception aborts the whole block.
 */
import type { CborValue } from '../codec/cbor.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import type { DecodedTx } from '../tx/transaction.ts';
import type { EventValue } from './events.ts';
import type { StateReader, StateWriter } from './state-access.ts';

/** What a module knows of the block being executed; time comes from the header, never a clock. */
export interface BlockInfo {
  readonly chainId: string;
  readonly height: number;
  /** Header time, ms since the Unix epoch. */
  readonly time: number;
}

export type Emit = (name: string, data: { readonly [field: string]: EventValue }) => void;

export interface TxReadContext {
  readonly block: BlockInfo;
  readonly tx: DecodedTx;
  readonly state: StateReader;
}

export interface TxWriteContext {
  readonly block: BlockInfo;
  readonly tx: DecodedTx;
  readonly state: StateWriter;
  readonly emit: Emit;
}

export interface BlockWriteContext {
  readonly block: BlockInfo;
  readonly state: StateWriter;
  readonly emit: Emit;
}

export interface GenesisContext {
  readonly genesis: Genesis;
  readonly state: StateWriter;
  readonly emit: Emit;
}

export interface Command<P> {
  readonly name: string;
  decodeParams(params: CborValue): P;
  encodeParams(params: P): CborValue;
  verify?(ctx: TxReadContext, params: P): Promise<void>;
  execute(ctx: TxWriteContext, params: P): Promise<void>;
}

export interface ChainModule {
  /** Name used in txs and events. */
  readonly name: string;
  /** One byte that prefixes every state key of the module; unique per chain, never reused. */
  readonly storePrefix: number;
  readonly commands: readonly AnyCommand[];
  verifyTx?(ctx: TxReadContext): Promise<void>;
  beforeCommand?(ctx: TxWriteContext): Promise<void>;
  beginBlock?(ctx: BlockWriteContext): Promise<void>;
  endBlock?(ctx: BlockWriteContext): Promise<void>;
  initGenesis?(ctx: GenesisContext): Promise<void>;
}

/** A command of any params type (methods are bivariant in their parameters, so any Command<P> fits). */
export type AnyCommand = Command<unknown>;
