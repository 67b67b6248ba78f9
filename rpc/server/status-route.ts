/** GET /status: where the node's chain stands, and what a client needs to build a tx (chain id, prefix, assets, fee). */
import type { FastifyInstance } from 'fastify';
import { formatBaseUnits } from '../../chain/amount.ts';
import { Status } from '../api/schemas.ts';
import { anchoredHeightOf } from './anchor-routes.ts';
import type { RpcNode } from './rpc-node.ts';

export function registerStatusRoute(app: FastifyInstance, node: RpcNode, nodeVersion: string): void {
  const g = node.genesis;
  const assets = [
    { id: 'TFT' as const, symbol: g.assets.tft.symbol, decimals: g.assets.tft.decimals },
    { id: 'REGIONAL' as const, symbol: g.assets.regional.symbol, decimals: g.assets.regional.decimals },
  ];
  const minFee = formatBaseUnits(g.ledger.minFee);
  app.get('/status', { schema: { summary: 'Chain status', tags: ['chain'], response: { 200: Status } } }, async () => ({
    ...node.status(),
    nodeVersion,
    addressPrefix: g.addressPrefix,
    assets,
    anchoredHeight: await anchoredHeightOf(node.store.state),
    mempoolSize: node.mempoolSize(),
    minFee,
  }));
}
