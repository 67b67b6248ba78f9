/** GET /validators: the set with names, addresses, power and how many of the last 100 blocks each signed. */
import type { FastifyInstance } from 'fastify';
import { validatorSetFromGenesis } from '../../chain/block/validator-set.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ValidatorsView } from '../api/schemas.ts';
import type { RpcNode } from './rpc-node.ts';
import { SigningWindow, SIGNING_WINDOW } from './signing-window.ts';

export function registerValidatorsRoute(app: FastifyInstance, node: RpcNode): void {
  const set = validatorSetFromGenesis(node.genesis);
  const window = new SigningWindow(node.store);
  const base = set.validators.map((v, index) => ({
    index,
    name: v.name,
    address: addressFromPublicKey(node.genesis.addressPrefix, v.publicKey),
    publicKey: toHex(v.publicKey),
    power: v.power,
  }));
  app.get(
    '/validators',
    {
      schema: {
        summary: 'The validator set and who signed the latest blocks',
        description: `\`signed\`: of the last \`window\` blocks (up to ${SIGNING_WINDOW}, ending at \`height\`), how many commits carry the validator's precommit.`,
        tags: ['validators'],
        response: { 200: ValidatorsView },
      },
    },
    async () => {
      const { height, window: size, signed } = await window.counts(base.length);
      return { height, window: size, totalPower: set.totalPower, validators: base.map((v) => ({ ...v, signed: signed[v.index] ?? 0 })) };
    },
  );
}
