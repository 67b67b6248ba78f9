/**
 * GET /proofs/state?key=HEX[&height=N]: the value of any state key with its Merkle proof against
 * the stateRoot in the header of block N (the state after block N - 1), plus that header and the
 * commit that decided it: exactly the `hubProof` of bridge.claim / bridge.receipt, and the record
 * and proof of bridge.release. Historic roots stay provable, values included (tree nodes and values
 * are content-addressed and never deleted: StateStore.valueAt).
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { blockHash, encodeHeader } from '../../chain/block/block-codec.ts';
import { bytesEqual, fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { encodeCommit } from '../../chain/consensus/message-codec.ts';
import { ChainError } from '../../chain/errors.ts';
import { encodeProof } from '../../chain/state/proof-codec.ts';
import { proveKey } from '../../chain/state/tree-prove.ts';
import { StateProofQuery, StateProofView } from '../api/anchor-schemas.ts';
import { ErrorBody } from '../api/schemas.ts';
import type { AnchorPort } from './anchor-port.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';

export async function stateProofAt(node: RpcNode, port: AnchorPort, key: Uint8Array, height: number): Promise<StateProofView> {
  const tip = node.store.tip().height;
  const block = height >= 1 && height <= tip ? await node.store.blocks.block(height) : undefined;
  if (block === undefined) throw new RpcError('RPC_BLOCK_NOT_FOUND', `no block at height ${height} (the chain is at ${tip})`, { height, tip });
  const hash = blockHash(block.header);
  // The commit this node stored with the block (maybe fuller), else the one the next block repeats.
  const stored = await node.store.blocks.commit(height);
  const commit = stored !== undefined && bytesEqual(stored.blockHash, hash) ? stored : ((await node.store.blocks.block(height + 1))?.lastCommit ?? undefined);
  if (commit === undefined || !bytesEqual(commit.blockHash, hash)) {
    throw new RpcError('RPC_COMMIT_NOT_FOUND', `this node holds no commit for block ${height} yet; ask for height ${height - 1} or wait for the next block`, { height });
  }
  const root = block.header.stateRoot;
  const proof = await proveKey(node.store.state.nodes, root, key);
  let value: Uint8Array | null = null;
  if (proof.terminal.kind === 'leaf' && bytesEqual(proof.terminal.keyHash, sha256(key))) {
    // The value under that (maybe older) root: nodes and values are never deleted, so it is there
    // and matches the proof's leaf unless the store is damaged.
    const found = await port.valueAt(root, key);
    if (found === undefined || !bytesEqual(sha256(found), proof.terminal.valueHash)) {
      throw new ChainError('STATE_CORRUPT', `the value of this key under the state root of height ${height} does not match its proof`, { height });
    }
    value = found;
  }
  return {
    height,
    stateRoot: toHex(root),
    header: toHex(encodeHeader(block.header)),
    commit: toHex(encodeCommit(commit)),
    key: toHex(key),
    value: value === null ? null : toHex(value),
    proof: toHex(encodeProof(proof)),
  };
}

export function registerStateProofRoute(app: FastifyInstance, node: RpcNode, port: AnchorPort): void {
  app.get<{ Querystring: Static<typeof StateProofQuery> }>(
    '/proofs/state',
    {
      schema: {
        summary: 'Any state key with its Merkle proof, the block header whose stateRoot it is against, and its commit',
        description:
          'The proof is against the `stateRoot` of the header of block `height` (default the latest): the state after block `height - 1`. ' +
          '`header` and `commit` are the encoded header and the commit (+2/3 precommits) that decided it, so another chain can check the root. ' +
          '`value` null proves absence. 404 RPC_BLOCK_NOT_FOUND above the chain; 404 RPC_COMMIT_NOT_FOUND when this node has no commit of that block yet.',
        tags: ['anchoring'],
        querystring: StateProofQuery,
        response: { 200: StateProofView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const key = fromHexStrict(req.query.key.toLowerCase());
      if (key === undefined || key.length === 0) throw new RpcError('RPC_BAD_REQUEST', 'key must be hex bytes');
      const height = req.query.height === undefined ? node.store.tip().height : Number(req.query.height);
      return stateProofAt(node, port, key, height);
    },
  );
}
