/** What modules see of state: plain byte keys and values, read-only or writable. */
export interface StateReader {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
}

export interface StateWriter extends StateReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
}

/** One change of a state key; `value: null` deletes it. */
export interface StateChange {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}
