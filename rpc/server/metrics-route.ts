/**
 * GET /metrics in the Prometheus text format (prom-client, one registry per server so several
 * servers in one process do not share numbers). Gauges are read from the node when scraped.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import type { CommitFeed } from './commit-feed.ts';
import type { RpcNode } from './rpc-node.ts';

export function registerMetricsRoute(app: FastifyInstance, node: RpcNode, feed: CommitFeed): void {
  const registry = new Registry();
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  gauge('tfr_height', 'Height of the latest committed block', () => node.store.tip().height);
  gauge('tfr_latest_block_time_seconds', 'Header time of the latest block (Unix seconds)', () => node.store.tip().time / 1000);
  gauge('tfr_block_interval_seconds', 'Header time between the two latest blocks', () => {
    const r = feed.recent;
    return r.length < 2 ? 0 : (r[r.length - 1]!.time - r[r.length - 2]!.time) / 1000;
  });
  gauge('tfr_txs_per_second', 'Committed txs per second over the latest blocks (up to 20), by header time', () => {
    const r = feed.recent;
    if (r.length < 2) return 0;
    const span = (r[r.length - 1]!.time - r[0]!.time) / 1000;
    const txs = r.slice(1).reduce((n, b) => n + b.txs, 0);
    return span > 0 ? txs / span : 0;
  });
  gauge('tfr_mempool_txs', 'Txs waiting in the mempool', () => node.mempoolSize());
  gauge('tfr_peers', 'Connected peers', () => node.peers());
  gauge('tfr_consensus_round', 'Consensus round of the height being decided', () => node.status().round);
  gauge('tfr_events_subscribers', 'Open /events WebSockets', () => feed.subscribers);
  const requests = new Counter({ name: 'tfr_rpc_requests_total', help: 'RPC requests answered, by status class', labelNames: ['status'], registers: [registry] });
  app.addHook('onResponse', async (_req, reply) => {
    requests.inc({ status: `${Math.floor(reply.statusCode / 100)}xx` });
  });

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['chain'], produces: ['text/plain'] } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
