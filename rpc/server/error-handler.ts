/**
 * Every error leaves the server as `{ code, message, details? }` with the status of the one table
 * (http-status.ts): chain errors keep their codes, fastify's own (schema, JSON, body size, media
 * type) become RPC_ codes, anything else is RPC_INTERNAL (logged; the message stays generic).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { isChainError } from '../../chain/errors.ts';
import type { ErrorBody } from '../api/schemas.ts';
import { httpStatusOf } from './http-status.ts';
import { RpcError, type RpcErrorCode } from './rpc-errors.ts';

function fastifyCode(e: FastifyError): RpcErrorCode | undefined {
  if (e.validation !== undefined) return 'RPC_BAD_REQUEST';
  switch (e.statusCode) {
    case 400:
      return 'RPC_BAD_REQUEST';
    case 413:
      return 'RPC_BODY_TOO_LARGE';
    case 415:
      return 'RPC_UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RPC_RATE_LIMITED';
    default:
      return undefined;
  }
}

export function toErrorBody(e: unknown): { status: number; body: ErrorBody } {
  if (isChainError(e) || e instanceof RpcError) {
    const body: ErrorBody = { code: e.code, message: e.message };
    if (e.details !== undefined) body.details = { ...e.details };
    return { status: httpStatusOf(e.code), body };
  }
  const fe = e as FastifyError;
  const code = typeof fe === 'object' && fe !== null ? fastifyCode(fe) : undefined;
  if (code !== undefined) {
    const body: ErrorBody = { code, message: fe.message };
    const where = fe.validation?.[0];
    if (where !== undefined) body.details = { part: fe.validationContext ?? 'request', path: where.instancePath, keyword: where.keyword, params: { ...where.params } };
    return { status: httpStatusOf(code), body };
  }
  return { status: 500, body: { code: 'RPC_INTERNAL', message: 'internal error' } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((e, req, reply) => {
    const { status, body } = toErrorBody(e);
    if (body.code === 'RPC_INTERNAL') req.log.error({ err: e }, 'unexpected error');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'RPC_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
}
