/**
 * A refresh that never piles up: while one run is in flight, further calls only mark it dirty, and
 * one more run follows when it ends. Blocks can arrive faster than the node answers reads (a block
 * every 100 ms on a test chain), so each section's reads go through one of these. A run's failure
 * is passed to `onError` (the page shows stale data quietly) and never escapes as a rejection.
 */
export function coalesced(run: () => Promise<void>, onError: (e: unknown) => void = () => undefined): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  let dirty = false;
  const loop = async (): Promise<void> => {
    do {
      dirty = false;
      try {
        await run();
      } catch (e) {
        onError(e);
      }
    } while (dirty);
    inFlight = undefined;
  };
  return () => {
    if (inFlight !== undefined) {
      dirty = true;
      return inFlight;
    }
    inFlight = loop();
    return inFlight;
  };
}

/** Runs `task` over `items` with at most `limit` at once; results in item order (a failed task gives undefined). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await task(items[i]!);
      } catch {
        out[i] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
