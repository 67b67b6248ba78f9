/**
 * A Map that forgets its oldest insertions once full: for things costly to rebuild and reused
 * often (ed25519 KeyObjects, BLS points, decoded tree nodes, state values), with memory bounded
 * whatever peers send. FIFO rather than LRU on purpose: recency tracking would cost a Map write
 * per hit and buy little for these working sets. Portable (no node:*).
 */
export class BoundedCache<K, V> {
  readonly #capacity: number;
  readonly #map = new Map<K, V>();
  // One live iterator walks the map from its oldest entry. A fresh keys().next() per eviction would
  // skip every deleted slot before it each time (quadratic until V8 rehashes the table).
  #oldest: IterableIterator<K> = this.#map.keys();

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a positive integer: ${capacity}`);
    this.#capacity = capacity;
  }

  get limit(): number {
    return this.#capacity;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  set(key: K, value: V): void {
    const map = this.#map;
    if (map.size >= this.#capacity && !map.has(key)) {
      let oldest = this.#oldest.next();
      if (oldest.done === true) {
        this.#oldest = map.keys();
        oldest = this.#oldest.next();
      }
      if (oldest.done !== true) map.delete(oldest.value);
    }
    map.set(key, value);
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
    this.#oldest = this.#map.keys();
  }
}
