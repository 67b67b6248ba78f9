/**
 * GET /events (WebSocket): one JSON text message per committed block (`kind: "block"`) and per tx
 * result (`kind: "tx"`), filtered by the query: `kinds=block,tx`, `address` (txs sent by it or
 * naming it in an event), `module` (txs of that module). A client that reads too slowly (over
 * 4 MiB unsent) is disconnected with close code 1013 rather than buffered without bound.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { toHex } from '../../chain/codec/bytes.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import type { BlockMessage, EventsQuery, TxMessage } from '../api/schemas.ts';
import { EventsQuery as EventsQuerySchema } from '../api/schemas.ts';
import type { CommitFeed, FeedBlock } from './commit-feed.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';
import { eventView, isoTime, txSummary } from './views.ts';

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

function messagesOf(b: FeedBlock, node: RpcNode): { block: BlockMessage; txs: TxMessage[] } {
  const { committed: c, results } = b;
  const h = c.block.header;
  const proposer = node.genesis.validators.find((v) => toHex(v.publicKey) === toHex(h.proposer))?.name ?? toHex(h.proposer);
  const block: BlockMessage = {
    kind: 'block',
    height: c.height,
    hash: toHex(c.hash),
    time: isoTime(h.time),
    proposer,
    txs: c.block.txs.length,
    signers: c.commit.signatures.length,
    stateRoot: toHex(h.stateRoot),
  };
  const txs = c.block.txs.map((bytes, index): TxMessage => {
    const r = results.txs[index];
    return {
      kind: 'tx',
      hash: toHex(r?.hash ?? new Uint8Array(32)),
      height: c.height,
      index,
      code: r?.code ?? 'OK',
      tx: txSummary(decodeTx(bytes, Number.MAX_SAFE_INTEGER), node.genesis.addressPrefix),
      events: (r?.events ?? []).map(eventView),
    };
  });
  return { block, txs };
}

function matches(m: TxMessage, q: EventsQuery): boolean {
  if (q.module !== undefined && m.tx.module !== q.module) return false;
  if (q.address !== undefined && m.tx.sender !== q.address && !m.events.some((e) => Object.values(e.data).includes(q.address!))) return false;
  return true;
}

export function registerEventsRoute(app: FastifyInstance, node: RpcNode, feed: CommitFeed): void {
  // Messages of a block are built once, for the first socket that needs them.
  let cache: { block: FeedBlock; messages: ReturnType<typeof messagesOf> } | undefined;
  const messages = (b: FeedBlock) => {
    if (cache?.block !== b) cache = { block: b, messages: messagesOf(b, node) };
    return cache.messages;
  };
  app.route<{ Querystring: EventsQuery }>({
    method: 'GET',
    url: '/events',
    schema: {
      summary: 'WebSocket stream of committed blocks and tx results',
      description: 'Connect with `Upgrade: websocket`; each message is a JSON BlockMessage or TxMessage. A plain GET answers 426 RPC_UPGRADE_REQUIRED.',
      tags: ['events'],
      querystring: EventsQuerySchema,
    },
    handler: async () => {
      throw new RpcError('RPC_UPGRADE_REQUIRED', 'GET /events is a WebSocket stream: connect with "Upgrade: websocket"');
    },
    wsHandler: (socket: WebSocket, req) => {
      const q = req.query;
      const kinds = new Set((q.kinds ?? 'block,tx').split(','));
      const send = (m: unknown): boolean => {
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, 'reading too slowly');
          return false;
        }
        socket.send(JSON.stringify(m));
        return true;
      };
      const off = feed.onBlock((b) => {
        const { block, txs } = messages(b);
        if (kinds.has('block') && !send(block)) return;
        if (kinds.has('tx')) for (const t of txs) if (matches(t, q) && !send(t)) return;
      });
      socket.on('close', off);
      socket.on('error', off);
      // Clients only listen; anything they send is ignored.
    },
  });
}
