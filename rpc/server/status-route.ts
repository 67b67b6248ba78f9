/** GET /status: where the node's chain stands. The full RPC (issue "RPC, client SDK and CLI") extends it. */
import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';

export const StatusSchema = Type.Object(
  {
    chainId: Type.String(),
    region: Type.String(),
    height: Type.Integer({ minimum: 0, description: 'height of the latest committed block (0 before the first block)' }),
    latestBlockHash: Type.String({ description: 'hex; the genesis hash at height 0' }),
    latestBlockTime: Type.String({ description: 'RFC 3339 UTC, from the block header' }),
    stateRoot: Type.String({ description: 'hex root of the state after the latest block' }),
    validators: Type.Integer({ minimum: 0, description: 'number of validators in the set' }),
    round: Type.Integer({ minimum: 0, description: 'consensus round of the height being decided' }),
  },
  { additionalProperties: false },
);

export type StatusInfo = Static<typeof StatusSchema>;

export interface StatusSource {
  status(): StatusInfo;
}

export function registerStatusRoute(app: FastifyInstance, source: StatusSource): void {
  app.get('/status', { schema: { response: { 200: StatusSchema } } }, async () => source.status());
}
