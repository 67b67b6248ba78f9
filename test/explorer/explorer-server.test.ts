/**
 * The explorer page on the RPC server, through `inject`: GET / is the HTML page linking its
 * content-hashed script and style sheet, which are served with their content types and a year of
 * immutable caching (gzipped when asked, 304 on a matching ETag); unknown files under /explorer/
 * are 404 RPC_NOT_FOUND; the API routes are unchanged and the page stays out of the OpenAPI
 * document; a failed build answers 503 RPC_EXPLORER_UNAVAILABLE. Also: the bundle's size budget,
 * the page's imports are browser-safe, and every data-testid of the browser tests' contract exists.
 */
import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ASSET_PREFIX, explorerAssets, IMMUTABLE_CACHE } from '../../rpc/explorer/server/explorer-assets.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { stubGenesis, stubRpcNode } from '../fixtures/fake-dao-port.ts';
import { expectPortable } from '../fixtures/portability.ts';

/** The data-testid attributes the browser tests rely on (rpc/explorer/README.md). */
const CONTRACT = [
  'chain-height',
  'block-list',
  'block-row',
  'tx-row',
  'validator-grid',
  'validator-cell',
  'pool-reserves',
  'pool-price',
  'price-chart',
  'quote-form',
  'quote-amount',
  'quote-direction',
  'quote-output',
  'proposal-list',
  'proposal-row',
  'tally-bar',
  'policy-list',
  'anchor-height',
  'certificate-list',
  'transfer-list',
];

/** Gzipped budget of the page's script (uPlot is ~22 KB of it). */
const JS_GZIP_BUDGET = 45 * 1024;

describe('explorer: served by the RPC server', function () {
  this.timeout(60_000);
  const stub = stubRpcNode(stubGenesis(), { height: 4 });
  let app: FastifyInstance;
  let js = '';
  let css = '';
  before(async () => {
    app = buildServer({ node: stub.node, rateLimit: false });
    await app.ready();
  });
  after(async () => app.close());

  it('GET / answers the page: HTML, revalidated, with a CSP, linking the hashed script and style sheet', async () => {
    const r = await app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).to.equal(200);
    expect(r.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(r.headers['cache-control']).to.equal('no-cache');
    expect(String(r.headers['content-security-policy'])).to.contain("default-src 'self'");
    expect(r.headers['x-content-type-options']).to.equal('nosniff');
    expect(r.body).to.match(/^<!doctype html>/);
    expect(r.body).to.contain('<html lang="en">').and.contain('name="viewport"');
    const script = /<script type="module" src="(\/explorer\/explorer-[A-Z0-9]+\.js)"><\/script>/.exec(r.body);
    const style = /<link rel="stylesheet" href="(\/explorer\/explorer-[A-Z0-9]+\.css)">/.exec(r.body);
    expect(script, 'script tag').to.not.equal(null);
    expect(style, 'style sheet link').to.not.equal(null);
    expect(r.body).to.not.contain('{{');
    js = script![1]!;
    css = style![1]!;
  });

  it('serves the script and the style sheet with their content types, immutable for a year', async () => {
    const s = await app.inject({ method: 'GET', url: js });
    expect(s.statusCode).to.equal(200);
    expect(s.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(s.headers['cache-control']).to.equal(IMMUTABLE_CACHE);
    expect(s.headers['content-encoding']).to.equal(undefined);
    expect(s.body).to.contain('/events');
    const c = await app.inject({ method: 'GET', url: css });
    expect(c.statusCode).to.equal(200);
    expect(c.headers['content-type']).to.equal('text/css; charset=utf-8');
    expect(c.headers['cache-control']).to.equal(IMMUTABLE_CACHE);
    expect(c.body).to.contain('.u-legend'); // uPlot's own styles are bundled in
  });

  it('gzips for clients that accept it, and answers 304 to a matching If-None-Match', async () => {
    const plain = await app.inject({ method: 'GET', url: js });
    const z = await app.inject({ method: 'GET', url: js, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(z.headers['content-encoding']).to.equal('gzip');
    expect(z.headers['vary']).to.equal('accept-encoding');
    expect(gunzipSync(z.rawPayload).toString('utf8')).to.equal(plain.body);
    expect(z.rawPayload.length).to.be.below(plain.rawPayload.length / 2);
    const etag = String(plain.headers['etag']);
    expect(etag).to.match(/^"[0-9a-f]{32}"$/);
    const again = await app.inject({ method: 'GET', url: js, headers: { 'if-none-match': etag } });
    expect(again.statusCode).to.equal(304);
    expect(again.body).to.equal('');
    const page = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': '"stale"' } });
    expect(page.statusCode).to.equal(200);
  });

  it('unknown files and paths under /explorer/ are 404 RPC_NOT_FOUND', async () => {
    for (const url of [`${ASSET_PREFIX}nope.js`, `${ASSET_PREFIX}explorer-AAAAAAAA.js`, `${ASSET_PREFIX}..%2Fpackage.json`, `${ASSET_PREFIX}a/b.css`, '/explorer', '/index.html']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).to.equal(404);
      expect(r.json().code, url).to.equal('RPC_NOT_FOUND');
    }
  });

  it('leaves the API as it was: JSON routes, /docs, unknown routes, and no page routes in /openapi.json', async () => {
    const status = await app.inject({ method: 'GET', url: '/status' });
    expect(status.statusCode).to.equal(200);
    expect(status.headers['content-type']).to.match(/^application\/json/);
    expect(status.json().height).to.equal(4);
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).to.equal(200);
    expect(docs.headers['content-type']).to.match(/^text\/html/);
    expect((await app.inject({ method: 'GET', url: '/nope' })).json().code).to.equal('RPC_NOT_FOUND');
    expect((await app.inject({ method: 'POST', url: '/' })).statusCode).to.equal(404);
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths as object);
    expect(paths).to.include('/status').and.include('/features');
    expect(paths.filter((p) => p === '/' || p.startsWith('/explorer'))).to.deep.equal([]);
  });

  it('a failed build answers 503 RPC_EXPLORER_UNAVAILABLE; the API still answers', async () => {
    const broken = buildServer({ node: stub.node, rateLimit: false, explorer: { assets: async () => Promise.reject(new Error('esbuild: no binary')) } });
    try {
      const r = await broken.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).to.equal(503);
      expect(r.json()).to.include({ code: 'RPC_EXPLORER_UNAVAILABLE' });
      expect(r.json().message).to.contain('esbuild: no binary');
      expect((await broken.inject({ method: 'GET', url: '/status' })).statusCode).to.equal(200);
    } finally {
      await broken.close();
    }
  });

  it(`the script stays small: under ${JS_GZIP_BUDGET / 1024} KB gzipped (no bn.js, no framework)`, async () => {
    const a = await explorerAssets();
    const script = [...a.files.entries()].find(([n]) => n.endsWith('.js'))![1];
    expect(script.gzip.length).to.be.below(JS_GZIP_BUDGET);
    expect(script.body.toString('utf8')).to.not.contain('BN.prototype');
    expect(a.files.size).to.equal(2);
  });

  it("the page's code imports nothing Node-only, and every data-testid of the browser tests' contract is there", () => {
    const files = expectPortable(['rpc/explorer/page/main.ts'], /^(uplot(\/.*)?|@noble\/hashes\/.*)$/);
    expect(files).to.include('rpc/client/client.ts').and.include('rpc/explorer/view/format.ts');
    const dir = new URL('../../rpc/explorer/page/', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') || f.endsWith('.html'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    for (const id of CONTRACT) expect(source, id).to.match(new RegExp(`'data-testid': '${id}'|data-testid="${id}"`));
    const readme = readFileSync(new URL('../../rpc/explorer/README.md', import.meta.url), 'utf8');
    for (const id of CONTRACT) expect(readme, id).to.contain(`\`${id}\``);
  });
});
