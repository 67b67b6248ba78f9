/** Builds the Merkle proof of one key (present or absent) by walking its path from the root. */
import { ChainError } from '../errors.ts';
import type { MerkleProof, ProofTerminal } from './merkle-proof.ts';
import { EMPTY_ID, idBit, idBytes, idOf, sha256Id } from './node-id.ts';
import type { NodeReader } from './node-store.ts';
import { MAX_DEPTH } from './tree-path.ts';

export async function proveKey(nodes: NodeReader, root: Uint8Array, key: Uint8Array): Promise<MerkleProof> {
  const keyHash = sha256Id(key);
  const siblings: Uint8Array[] = [];
  const present: boolean[] = [];
  let id = idOf(root);
  let terminal: ProofTerminal = { kind: 'empty' };
  while (id !== EMPTY_ID) {
    const [node] = await nodes.readNodes([id]);
    if (node!.leaf) {
      terminal = { kind: 'leaf', keyHash: idBytes(node!.a), valueHash: idBytes(node!.b) };
      break;
    }
    if (present.length === MAX_DEPTH) throw new ChainError('STATE_CORRUPT', 'tree deeper than 256 levels');
    const right = idBit(keyHash, present.length) === 1;
    const sibling = right ? node!.a : node!.b;
    present.push(sibling !== EMPTY_ID);
    if (sibling !== EMPTY_ID) siblings.push(idBytes(sibling));
    id = right ? node!.b : node!.a;
  }
  const bitmap = new Uint8Array(Math.ceil(present.length / 8));
  present.forEach((p, i) => {
    if (p) bitmap[i >>> 3]! |= 0x80 >>> (i & 7);
  });
  return { depth: present.length, bitmap, siblings, terminal };
}
