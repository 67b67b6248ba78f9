/**
 * Aggregate certificates the node formed, in its LevelDB (the process's shared store when it runs
 * several validators): `KEY_PREFIX.anchorAggregate || u64be(height) -> encodeAggregate(a)`. The
 * newest RECENT_AGGREGATES are kept in memory (loaded at open), so `latest` and `byHeight` answer
 * synchronously; older ones stay on disk (`read`).
 */
import { readU64be, u64be } from '../../codec/bytes.ts';
import { decodeAggregate, encodeAggregate, type AggregateCertificate } from '../../anchor/certificate.ts';
import { KEY_PREFIX, prefixed } from '../../state/key-prefixes.ts';
import type { KvStore } from '../../state/kv-store.ts';

/** Aggregates kept in memory: at an interval of 50 blocks of 0.5 s, the last ~7 hours. */
export const RECENT_AGGREGATES = 1_024;

function key(height: number): Uint8Array {
  return prefixed(KEY_PREFIX.anchorAggregate, u64be(height));
}

export class AnchorStore {
  /** Ascending by height. */
  private readonly recent: AggregateCertificate[];
  private readonly writing = new Set<Promise<void>>();

  private constructor(
    private readonly kv: KvStore,
    recent: AggregateCertificate[],
  ) {
    this.recent = recent;
  }

  static async open(kv: KvStore): Promise<AnchorStore> {
    const found: AggregateCertificate[] = [];
    const lt = Uint8Array.of(KEY_PREFIX.anchorAggregate + 1);
    for await (const [k, v] of kv.iterate({ gte: Uint8Array.of(KEY_PREFIX.anchorAggregate), lt, reverse: true, limit: RECENT_AGGREGATES })) {
      const a = decodeAggregate(v);
      if (a.certificate.height !== readU64be(k, 1)) continue; // not ours to explain; skip it
      found.push(a);
    }
    return new AnchorStore(kv, found.reverse());
  }

  /** Stores a newly formed aggregate (above every one stored before). */
  async put(a: AggregateCertificate): Promise<void> {
    const h = a.certificate.height;
    const last = this.recent[this.recent.length - 1];
    if (last !== undefined && last.certificate.height >= h) {
      if (last.certificate.height === h) return;
      // Out of order (should not happen: heights form in order); keep the memory sorted anyway.
      const at = this.recent.findIndex((x) => x.certificate.height > h);
      if (this.recent[at - 1]?.certificate.height !== h) this.recent.splice(at, 0, a);
    } else {
      this.recent.push(a);
    }
    if (this.recent.length > RECENT_AGGREGATES) this.recent.shift();
    const write = this.kv.write([{ type: 'put', key: key(h), value: encodeAggregate(a) }]);
    this.writing.add(write);
    try {
      await write;
    } finally {
      this.writing.delete(write);
    }
  }

  /** Resolves when every write started so far has ended (before the KvStore is closed). */
  async flushed(): Promise<void> {
    await Promise.allSettled([...this.writing]);
  }

  /** Newest first, at most `limit`. */
  latest(limit: number): readonly AggregateCertificate[] {
    const n = Math.max(0, Math.min(Math.floor(limit), this.recent.length));
    return this.recent.slice(this.recent.length - n).reverse();
  }

  /** From memory (the newest RECENT_AGGREGATES). */
  byHeight(height: number): AggregateCertificate | undefined {
    let lo = 0;
    let hi = this.recent.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const h = this.recent[mid]!.certificate.height;
      if (h === height) return this.recent[mid];
      if (h < height) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Any stored height, from disk. */
  async read(height: number): Promise<AggregateCertificate | undefined> {
    const v = await this.kv.get(key(height));
    return v === undefined ? undefined : decodeAggregate(v);
  }
}
