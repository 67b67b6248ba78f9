/**
 * POST /txs: admit a signed tx to the mempool (and gossip it), optionally waiting for its commit.
 * GET /txs/:hash: a tx with its result once committed, or as pending while in the mempool.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { Type } from 'typebox';
import { DEFAULT_WAIT_MS, ErrorBody, HashParams, TxSubmitBody, TxSubmitQuery, TxView } from '../api/schemas.ts';
import type { CommitFeed } from './commit-feed.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';
import { eventView, txSummary } from './views.ts';

type TxViewT = Static<typeof TxView>;

async function txView(node: RpcNode, hash: Uint8Array): Promise<TxViewT | undefined> {
  const prefix = node.genesis.addressPrefix;
  const stored = await node.store.blocks.tx(hash);
  if (stored !== undefined) {
    const tx = decodeTx(stored.bytes, Number.MAX_SAFE_INTEGER);
    return {
      hash: toHex(hash),
      status: 'committed',
      height: stored.height,
      index: stored.index,
      code: stored.result.code,
      events: stored.result.events.map(eventView),
      tx: txSummary(tx, prefix),
    };
  }
  const pending = node.pendingTx(hash);
  return pending === undefined ? undefined : { hash: toHex(hash), status: 'pending', tx: txSummary(pending, prefix) };
}

export function registerTxRoutes(app: FastifyInstance, node: RpcNode, feed: CommitFeed): void {
  app.post<{ Body: TxSubmitBody; Querystring: Static<typeof TxSubmitQuery> }>(
    '/txs',
    {
      schema: {
        summary: 'Submit a signed tx',
        description:
          'Admits the tx to the mempool if it would succeed as the next tx (signature, chain id, expiry, nonce, fee, balance), and gossips it. ' +
          'Answers 202 `{ hash }` at once, or with `?wait=commit` 200 and the tx result once a block includes it (bounded by `timeoutMs`; 504 RPC_WAIT_TIMEOUT after).',
        tags: ['txs'],
        body: TxSubmitBody,
        querystring: TxSubmitQuery,
        response: { 200: TxView, 202: Type.Object({ hash: Type.String() }, { additionalProperties: false }), '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const bytes = fromHexStrict(req.body.tx.toLowerCase());
      if (bytes === undefined) throw new RpcError('RPC_BAD_REQUEST', 'body.tx is not hex');
      const wait = req.query.wait === 'commit';
      // Subscribe before submitting: on a fast chain the commit may come before submitTx returns.
      const pre = wait ? decodeTx(bytes, node.genesis.consensus.maxTxBytes) : undefined;
      const waiter = pre === undefined ? undefined : feed.waitForTx(toHex(pre.hash), req.query.timeoutMs ?? DEFAULT_WAIT_MS);
      let hash: Uint8Array;
      try {
        hash = await node.submitTx(bytes);
      } catch (e) {
        waiter?.cancel();
        throw e;
      }
      if (waiter === undefined) return reply.code(202).send({ hash: toHex(hash) });
      const outcome = await waiter.promise;
      if (outcome === 'timeout') throw new RpcError('RPC_WAIT_TIMEOUT', `tx ${toHex(hash)} is pending: not committed within ${req.query.timeoutMs ?? DEFAULT_WAIT_MS} ms`, { hash: toHex(hash) });
      if (outcome === 'closed') throw new RpcError('RPC_UNAVAILABLE', 'the server is closing', { hash: toHex(hash) });
      const view = await txView(node, hash);
      if (view === undefined) throw new RpcError('RPC_INTERNAL', `tx ${toHex(hash)} was committed but is not in the index`);
      return reply.code(200).send(view);
    },
  );

  app.get<{ Params: Static<typeof HashParams> }>(
    '/txs/:hash',
    { schema: { summary: 'A tx by hash: committed (with result) or pending', tags: ['txs'], params: HashParams, response: { 200: TxView, '4xx': ErrorBody } } },
    async (req) => {
      const hash = fromHexStrict(req.params.hash.toLowerCase())!;
      const view = await txView(node, hash);
      if (view === undefined) throw new RpcError('RPC_TX_NOT_FOUND', `no tx ${req.params.hash.toLowerCase()} (neither committed nor pending)`);
      return view;
    },
  );
}
