/**
 * `buildServer(deps)`: the node's HTTP API as a fastify instance that never listens by itself
 * (tests use `inject`; `tfr testnet` calls `listen`). Every route has TypeBox request and response
 * schemas, from which `/openapi.json` and the browsable `/docs` are generated. Bodies are capped,
 * validated strictly (validators-compiler.ts), clients are rate limited per IP, and every error
 * is `{ code, message, details? }` with the status of http-status.ts.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAccountRoutes } from './account-routes.ts';
import { anchorPortOf, type AnchorPort } from './anchor-port.ts';
import { registerAnchorRoutes } from './anchor-routes.ts';
import { registerBlockRoutes } from './block-routes.ts';
import { CommitFeed } from './commit-feed.ts';
import { installErrorHandler } from './error-handler.ts';
import { registerEventsRoute } from './events-route.ts';
import { registerFeaturesRoute } from './features-route.ts';
import { registerExplorerRoutes, type ExplorerRouteOptions } from '../explorer/server/explorer-route.ts';
import { registerMetricsRoute } from './metrics-route.ts';
import { registerNetRoute } from './net-route.ts';
import { DEFI_POOL } from './defi-pool.ts';
import { registerDaoRoutes } from './dao-routes.ts';
import type { DaoPort } from './dao-port.ts';
import type { NetPort } from '../../chain/node/p2p/net-info.ts';
import { DAO_MODULES } from './dao-modules.ts';
import { registerFarmingRoutes } from './farming-routes.ts';
import { registerPoolRoutes } from './pool-routes.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';
import { registerStateProofRoute } from './state-proof-route.ts';
import { registerStatusRoute } from './status-route.ts';
import { registerTxRoutes } from './tx-routes.ts';
import { requestValidatorCompiler } from './validators-compiler.ts';
import { registerValidatorsRoute } from './validators-route.ts';
import { NODE_VERSION } from './node-version.ts';

export interface RateLimitOptions {
  /** Requests per client (IP) per window. */
  readonly max: number;
  readonly windowMs: number;
}

export interface ServerDeps {
  readonly node: RpcNode;
  /** Fastify's logger; off by default (the node has its own). */
  readonly logger?: boolean;
  /** Per-client limit, or false for none (benchmarks). Default DEFAULT_RATE_LIMIT. */
  readonly rateLimit?: RateLimitOptions | false;
  /** The DAO and farming modules' reads; default the modules themselves (on a chain without the sections the /dao and /farming routes answer 404 RPC_NO_DAO / RPC_NO_FARMING). */
  readonly dao?: DaoPort;
  /** The peer-to-peer network's state for GET /net; none (the in-process testnet): GET /net answers 404 RPC_NO_NETWORK. */
  readonly net?: NetPort;
  /** Anchoring and the bridge (GET /anchors, /bridge/transfers/:id, /proofs/state): default `anchorPortOf` the node's genesis, store and certificate collector (`node.anchors`). */
  readonly anchors?: AnchorPort;
  /** The explorer page at GET / (rpc/explorer/): default the page built from the sources on first request. */
  readonly explorer?: ExplorerRouteOptions;
}

export const BODY_LIMIT_BYTES = 256 * 1024;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 1000 };
/** A request (other than a bounded `?wait=commit`, which has its own timeout) must finish within this. */
export const REQUEST_TIMEOUT_MS = 90_000;

export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Clients name txs by hash; keep paths exact and small.
    routerOptions: { maxParamLength: 128 },
  });
  app.setValidatorCompiler(requestValidatorCompiler);
  // JSON only: a text/plain body is refused with 415 instead of reaching the schema as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);

  const limit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit !== false) {
    void app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.windowMs,
      errorResponseBuilder: (_req, ctx) =>
        Object.assign(new RpcError('RPC_RATE_LIMITED', `more than ${ctx.max} requests in ${ctx.after}; retry later`, { retryAfterMs: ctx.ttl }), { statusCode: 429 }),
    });
  }
  void app.register(swagger, {
    openapi: {
      info: { title: 'tfr regional chain RPC', version: NODE_VERSION, description: 'Hashes and bytes are hex, addresses bech32m, amounts decimal strings of base units, times RFC 3339.' },
    },
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
  void app.register(websocket, { options: { maxPayload: 4096 } });

  const feed = new CommitFeed(deps.node);
  app.addHook('onClose', async () => feed.close());
  // Routes in a plugin registered after swagger, so swagger sees them all.
  const collector = deps.node.anchors;
  const anchors = deps.anchors ?? anchorPortOf({ genesis: deps.node.genesis, store: deps.node.store, ...(collector !== undefined && { collector }) });
  void app.register(async (api) => {
    registerStatusRoute(api, deps.node, NODE_VERSION);
    registerBlockRoutes(api, deps.node);
    registerTxRoutes(api, deps.node, feed);
    registerAccountRoutes(api, deps.node);
    registerValidatorsRoute(api, deps.node);
    registerPoolRoutes(api, deps.node, DEFI_POOL);
    registerDaoRoutes(api, deps.node, deps.dao ?? DAO_MODULES);
    registerFarmingRoutes(api, deps.node, deps.dao ?? DAO_MODULES);
    registerNetRoute(api, deps.net);
    registerStateProofRoute(api, deps.node, anchors);
    registerAnchorRoutes(api, deps.node, anchors);
    registerFeaturesRoute(api, deps.node, DEFI_POOL, deps.dao ?? DAO_MODULES, anchors);
    registerEventsRoute(api, deps.node, feed);
    registerMetricsRoute(api, deps.node, feed);
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    registerExplorerRoutes(api, deps.explorer);
  });
  return app;
}
