/**
 * GET /features: which application parts the chain has (pool, DAO, farming registry, bridge) and
 * whether it is the Hub or a region, read from one committed state. A client that shows every part
 * (the explorer page) asks here first instead of meeting 404 RPC_NO_POOL / RPC_NO_DAO / ...
 */
import type { FastifyInstance } from 'fastify';
import { FeaturesView } from '../api/schemas.ts';
import type { AnchorPort } from './anchor-port.ts';
import { atOneHeight } from './chain-snapshot.ts';
import type { DaoPort } from './dao-port.ts';
import type { PoolPort } from './pool-port.ts';
import type { RpcNode } from './rpc-node.ts';

export function registerFeaturesRoute(app: FastifyInstance, node: RpcNode, pool: PoolPort, dao: DaoPort, anchors: AnchorPort): void {
  app.get(
    '/features',
    {
      schema: {
        summary: 'Which parts this chain has: pool, DAO, farming, bridge; Hub or region',
        description: 'A part the chain lacks answers 404 on its routes (RPC_NO_POOL, RPC_NO_DAO, RPC_NO_FARMING, BRIDGE_NOT_CONFIGURED).',
        tags: ['chain'],
        response: { 200: FeaturesView },
      },
    },
    async () =>
      atOneHeight(node, async (tip, state) => {
        const [p, d, f] = await Promise.all([pool.readPool(state), dao.readConfig(state), dao.readCurrentPeriod(state)]);
        return { height: tip.height, role: anchors.role, pool: p !== undefined, dao: d !== undefined, farming: f !== undefined, bridge: anchors.hubChainId !== undefined };
      }),
  );
}
