/** Finds the value hash a tree holds for one key, by walking the key's path from the root. */
import { ChainError } from '../errors.ts';
import { EMPTY_ID, idBit, idOf } from './node-id.ts';
import type { NodeId } from './node-id.ts';
import type { NodeReader } from './node-store.ts';
import { MAX_DEPTH } from './tree-path.ts';

/** The hash of the value stored under `keyHash` (an id), or undefined when the key is absent. */
export async function lookupValueHash(nodes: NodeReader, root: Uint8Array, keyHash: NodeId): Promise<NodeId | undefined> {
  let id = idOf(root);
  for (let depth = 0; id !== EMPTY_ID; depth++) {
    if (depth > MAX_DEPTH) throw new ChainError('STATE_CORRUPT', 'tree deeper than 256 levels');
    const [node] = await nodes.readNodes([id]);
    if (node!.leaf) return node!.a === keyHash ? node!.b : undefined;
    id = idBit(keyHash, depth) === 1 ? node!.b : node!.a;
  }
  return undefined;
}
