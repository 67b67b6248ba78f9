/**
 * GET /accounts/:address: balances and nonces of an account.
 * GET /proofs/accounts/:address: the account with its Merkle proof against a state root, so a
 * client that trusts only a block header can check it (the SDK's `verifyAccountProof`).
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { toHex } from '../../chain/codec/bytes.ts';
import { decodeAddress } from '../../chain/crypto/addresses.ts';
import { accountCodec, EMPTY_ACCOUNT } from '../../chain/ledger/account.ts';
import { accountStateKey, getAccount } from '../../chain/ledger/ledger-state.ts';
import { proofToJson } from '../../chain/state/proof-json.ts';
import { AccountProofView, AccountView, AddressParams, ErrorBody } from '../api/schemas.ts';
import type { RpcNode } from './rpc-node.ts';
import { balancesView } from './views.ts';

export function registerAccountRoutes(app: FastifyInstance, node: RpcNode): void {
  const prefix = node.genesis.addressPrefix;
  app.get<{ Params: Static<typeof AddressParams> }>(
    '/accounts/:address',
    {
      schema: {
        summary: 'Balances (base units) and nonce of an account',
        description: '`nonce` is the committed one; `pendingNonce` counts the sender\'s txs waiting in the mempool and is the nonce a new tx must carry.',
        tags: ['accounts'],
        params: AddressParams,
        response: { 200: AccountView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const bytes = decodeAddress(req.params.address, prefix);
      const height = node.store.tip().height;
      const [account, pending] = await Promise.all([getAccount(node.store.state, bytes), getAccount(node.pendingState(), bytes)]);
      return { address: req.params.address, height, nonce: account.nonce, pendingNonce: Math.max(account.nonce, pending.nonce), balances: balancesView(account) };
    },
  );

  app.get<{ Params: Static<typeof AddressParams> }>(
    '/proofs/accounts/:address',
    {
      schema: {
        summary: 'An account with its Merkle proof',
        description: 'The proof is of the state after block `height`, whose root `stateRoot` is the `stateRoot` of the header of block `height + 1`. A missing account is proven absent (`value: null`).',
        tags: ['accounts'],
        params: AddressParams,
        response: { 200: AccountProofView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const key = accountStateKey(decodeAddress(req.params.address, prefix));
      for (;;) {
        const height = node.store.tip().height;
        const root = toHex(node.store.state.root());
        const proved = await node.store.state.prove(key);
        // A block committed while proving: take height and root again so they belong together.
        if (toHex(proved.root) !== root || node.store.tip().height !== height) continue;
        const account = proved.value === null ? EMPTY_ACCOUNT : accountCodec.decode(proved.value);
        return {
          address: req.params.address,
          height,
          stateRoot: root,
          key: toHex(key),
          value: proved.value === null ? null : toHex(proved.value),
          account: { nonce: account.nonce, balances: balancesView(account) },
          proof: proofToJson(proved.proof),
        };
      }
    },
  );
}
