/**
 * A typed, prefixed store of one module: key = module prefix byte || store byte || sub-key,
 * value = the store's own canonical codec. Modules never build raw state keys by hand.
 */
import { concatBytes } from '../codec/bytes.ts';
import type { StateReader, StateWriter } from './state-access.ts';

export interface ValueCodec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

export class TypedStore<T> {
  private readonly prefix: Uint8Array;

  constructor(modulePrefix: number, storeByte: number, private readonly codec: ValueCodec<T>) {
    this.prefix = Uint8Array.of(modulePrefix, storeByte);
  }

  key(subKey: Uint8Array): Uint8Array {
    return concatBytes(this.prefix, subKey);
  }

  async get(state: StateReader, subKey: Uint8Array): Promise<T | undefined> {
    const raw = await state.get(this.key(subKey));
    return raw === undefined ? undefined : this.codec.decode(raw);
  }

  set(state: StateWriter, subKey: Uint8Array, value: T): void {
    state.set(this.key(subKey), this.codec.encode(value));
  }

  delete(state: StateWriter, subKey: Uint8Array): void {
    state.delete(this.key(subKey));
  }
}
