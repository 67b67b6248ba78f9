/**
 * Events: what a tx or a block phase did, for clients (RPC, explorer) and for tests. Values are
 * strings, integers or booleans; amounts travel as decimal strings and addresses as bech32m.
 * They are part of a block's results, which the next header commits to.
 */
import type { CborValue } from '../codec/cbor.ts';

export type EventValue = string | number | boolean;

export interface ChainEvent {
  readonly module: string;
  readonly name: string;
  readonly data: { readonly [field: string]: EventValue };
}

export function eventToCbor(e: ChainEvent): CborValue {
  return [e.module, e.name, { ...e.data }];
}

/** An `emit` function for `module` that appends to `sink`. */
export function emitterFor(module: string, sink: ChainEvent[]): (name: string, data: { readonly [field: string]: EventValue }) => void {
  return (name, data) => sink.push({ module, name, data: { ...data } });
}
