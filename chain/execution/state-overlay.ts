/**
 * A copy-on-write layer over state. Block execution stacks them: committed state <- block layer
 * <- one layer per tx. A tx's layer is merged into the block layer when it succeeds and dropped
 * when it fails, so a failed tx leaves no trace but what the block layer already holds (its fee
 * and nonce). Nothing here touches storage: the block layer's changes are handed to the state
 * store, which commits them with the block in one batch.
 */
import type { StateChange, StateReader, StateWriter } from './state-access.ts';
import { cacheKey } from '../state/cache-key.ts';

/** Map key for byte keys: latin1 keeps one char per byte and is cheap to build. */
const mapKey = cacheKey;

export class StateOverlay implements StateWriter {
  private readonly writes = new Map<string, StateChange>();

  constructor(private readonly parent: StateReader) {}

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const w = this.writes.get(mapKey(key));
    if (w !== undefined) return w.value ?? undefined;
    return this.parent.get(key);
  }

  /** Takes ownership of `key` and `value`: callers pass fresh arrays (typed stores always do). */
  set(key: Uint8Array, value: Uint8Array): void {
    this.writes.set(mapKey(key), { key, value });
  }

  delete(key: Uint8Array): void {
    this.writes.set(mapKey(key), { key, value: null });
  }

  /** A new layer on top of this one. */
  child(): StateOverlay {
    return new StateOverlay(this);
  }

  /** Moves this layer's writes into `target` (normally its parent). */
  mergeInto(target: StateOverlay): void {
    for (const [k, change] of this.writes) target.writes.set(k, change);
    this.writes.clear();
  }

  /** The layer's changes (a write, or a delete) in no particular order. */
  changes(): StateChange[] {
    return [...this.writes.values()];
  }
}
