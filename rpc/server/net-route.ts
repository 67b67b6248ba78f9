/**
 * GET /net: the node's peer-to-peer network as its NetPort reports it (own peer id, listen
 * addresses, whether it is syncing, each connected peer with its validator name, height, bytes
 * and score). A server built without a NetPort, the in-process testnet's, has no network to
 * describe: 404 RPC_NO_NETWORK, so a client can tell "no network" from "no peers".
 */
import type { FastifyInstance } from 'fastify';
import type { NetPort } from '../../chain/node/p2p/net-info.ts';
import { NetInfoView } from '../api/net-schemas.ts';
import { ErrorBody } from '../api/schemas.ts';
import { RpcError } from './rpc-errors.ts';

export function registerNetRoute(app: FastifyInstance, net: NetPort | undefined): void {
  app.get(
    '/net',
    {
      schema: {
        summary: "The node's peer-to-peer network: own peer id and addresses, syncing, connected peers",
        description:
          'Per peer: remote multiaddr, direction, the validator it is (by the genesis node keys; null for a full node), the height it last announced, ' +
          'bytes in and out, and its gossipsub score. 404 RPC_NO_NETWORK on a node without a peer-to-peer network (the in-process testnet).',
        tags: ['network'],
        response: { 200: NetInfoView, '4xx': ErrorBody },
      },
    },
    async () => {
      if (net === undefined) throw new RpcError('RPC_NO_NETWORK', 'this node runs without a peer-to-peer network (the in-process testnet)');
      return net.info();
    },
  );
}
