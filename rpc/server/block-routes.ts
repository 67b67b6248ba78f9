/** GET /blocks/latest and GET /blocks/:height: header, txs with their codes, the last commit's signers, evidence. */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { validatorSetFromGenesis } from '../../chain/block/validator-set.ts';
import { BlockView, ErrorBody, HeightParams } from '../api/schemas.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';
import { blockView } from './views.ts';

export function registerBlockRoutes(app: FastifyInstance, node: RpcNode): void {
  const set = validatorSetFromGenesis(node.genesis);
  const view = async (height: number): Promise<Static<typeof BlockView>> => {
    const block = height >= 1 ? await node.store.blocks.block(height) : undefined;
    if (block === undefined) throw new RpcError('RPC_BLOCK_NOT_FOUND', `no block at height ${height} (the chain is at ${node.store.tip().height})`, { height });
    return blockView(block, await node.store.blocks.results(height), set);
  };
  const response = { 200: BlockView, '4xx': ErrorBody };
  app.get('/blocks/latest', { schema: { summary: 'The latest committed block', tags: ['blocks'], response } }, async () => view(node.store.tip().height));
  app.get<{ Params: Static<typeof HeightParams> }>(
    '/blocks/:height',
    { schema: { summary: 'The committed block at a height', tags: ['blocks'], params: HeightParams, response } },
    async (req) => view(Number(req.params.height)),
  );
}
