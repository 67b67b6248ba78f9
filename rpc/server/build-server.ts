/**
 * `buildServer(deps)`: the node's HTTP API as a fastify instance that never listens by itself
 * (tests use `inject`; `tfr testnet` calls `listen`). Bodies are capped and unknown routes answer
 * a JSON error with a stable code.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerStatusRoute, type StatusSource } from './status-route.ts';

export interface ServerDeps {
  readonly chain: StatusSource;
  /** Fastify's logger; off by default (the node has its own). */
  readonly logger?: boolean;
}

export const BODY_LIMIT_BYTES = 128 * 1024;

export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: BODY_LIMIT_BYTES });
  registerStatusRoute(app, deps.chain);
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'RPC_NOT_FOUND', message: `no route ${req.method} ${req.url}` }));
  return app;
}
