/**
 * The explorer page on the node's RPC server: `GET /` answers the page (HTML, revalidated every
 * time) and `GET /explorer/NAME` its content-hashed script and style sheet (cached for a year,
 * immutable); any other name under /explorer/ is 404 RPC_NOT_FOUND like every unknown route.
 * Answers are gzipped when the client accepts it, and `If-None-Match` gets 304. Hidden from the
 * OpenAPI document: these are not API routes. The files are built on the first request
 * (explorer-assets.ts); a failed build answers 503 RPC_EXPLORER_UNAVAILABLE and is logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RpcError } from '../../server/rpc-errors.ts';
import { ASSET_PREFIX, explorerAssets, type ExplorerAssets, type ExplorerFile } from './explorer-assets.ts';

/**
 * The page loads only its own files and talks only to this node (fetch and the /events WebSocket:
 * 'self' covers ws: on the same host); uPlot sets element styles, the favicon is a data: URL.
 */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface ExplorerRouteOptions {
  /** Default: the process's memoized build. Tests pass their own. */
  readonly assets?: () => Promise<ExplorerAssets>;
}

function acceptsGzip(req: FastifyRequest): boolean {
  const h = req.headers['accept-encoding'];
  return typeof h === 'string' && /\bgzip\b/.test(h);
}

function send(req: FastifyRequest, reply: FastifyReply, file: ExplorerFile): FastifyReply {
  void reply
    .header('content-type', file.type)
    .header('cache-control', file.cache)
    .header('etag', file.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff');
  if (file.type.startsWith('text/html')) void reply.header('content-security-policy', PAGE_CSP);
  if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
  if (acceptsGzip(req)) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

export function registerExplorerRoutes(app: FastifyInstance, o: ExplorerRouteOptions = {}): void {
  const load = o.assets ?? explorerAssets;
  const assets = async (req: FastifyRequest): Promise<ExplorerAssets> => {
    try {
      return await load();
    } catch (e) {
      req.log.error({ err: e }, 'explorer build failed');
      throw new RpcError('RPC_EXPLORER_UNAVAILABLE', `the explorer page could not be built: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };
  app.get('/', { schema: { hide: true } }, async (req, reply) => send(req, reply, (await assets(req)).page));
  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}:file`, { schema: { hide: true } }, async (req, reply) => {
    const file = (await assets(req)).files.get(req.params.file);
    if (file === undefined) throw new RpcError('RPC_NOT_FOUND', `no explorer file ${req.params.file}`);
    return send(req, reply, file);
  });
}
