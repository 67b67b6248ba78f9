/**
 * Blocks read from the node (GET /blocks/:height), shared by the sections that need the same
 * heights (the block list and the validator grid), each height asked for once. Keeps the newest 64.
 */
import type { BlockView } from '../../api/schemas.ts';
import type { TfrClient } from '../../client/client.ts';

const KEEP = 64;

export interface BlockCache {
  get(height: number): Promise<BlockView>;
}

export function blockCache(client: TfrClient): BlockCache {
  const blocks = new Map<number, Promise<BlockView>>();
  return {
    get(height) {
      let p = blocks.get(height);
      if (p === undefined) {
        p = client.block(height);
        blocks.set(height, p);
        // A failed read is forgotten, so the next caller asks again.
        p.catch(() => blocks.delete(height));
        if (blocks.size > KEEP) {
          const oldest = [...blocks.keys()].sort((a, b) => a - b).slice(0, blocks.size - KEEP);
          for (const h of oldest) blocks.delete(h);
        }
      }
      return p;
    },
  };
}
