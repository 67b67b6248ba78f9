/**
 * The explorer page's files, built in memory with esbuild the first time the node serves them:
 * `page/main.ts` (and the CSS it imports, uPlot's included) bundled and minified into
 * `explorer-HASH.js` and `explorer-HASH.css`, and `page/index.html` with those names filled in.
 * Nothing built is committed or written to disk, so the page always matches the sources; the
 * build runs once per process (~0.1-0.5 s), shared by every server of the process. Each file is
 * kept raw and gzipped, with its content type, cache policy and ETag.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PAGE_DIR = fileURLToPath(new URL('../page/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the hashed files are served (index.html links them there). */
export const ASSET_PREFIX = '/explorer/';

/** Content-hashed names never change content: a year, immutable. The page itself is revalidated every time. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const PAGE_CACHE = 'no-cache';

export interface ExplorerFile {
  readonly body: Buffer;
  readonly gzip: Buffer;
  /** Content-Type header value. */
  readonly type: string;
  /** Cache-Control header value. */
  readonly cache: string;
  /** Strong ETag (quoted sha256 prefix of the body). */
  readonly etag: string;
}

export interface ExplorerAssets {
  /** GET / */
  readonly page: ExplorerFile;
  /** By file name under ASSET_PREFIX (`explorer-3FZ2K7QX.js`). */
  readonly files: ReadonlyMap<string, ExplorerFile>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function fileOf(body: Buffer, type: string, cache: string): ExplorerFile {
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  return { body, gzip: gzipSync(body, { level: 9 }), type, cache, etag };
}

/** Builds the page from the sources (no memo: see `explorerAssets`). */
export async function buildExplorerAssets(): Promise<ExplorerAssets> {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { explorer: `${PAGE_DIR}main.ts` },
    entryNames: '[name]-[hash]',
    outdir: `${REPO_ROOT}.explorer-build`,
    write: false,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    tsconfig: `${PAGE_DIR}tsconfig.json`,
    // bn.js (through the SDK's amounts) tries require('buffer') in a try block; browsers take its fallback.
    external: ['buffer'],
    legalComments: 'eof',
    logLevel: 'silent',
  });
  const files = new Map<string, ExplorerFile>();
  for (const out of result.outputFiles) {
    const name = basename(out.path);
    const ext = name.slice(name.lastIndexOf('.'));
    const type = TYPES[ext];
    if (type === undefined) continue;
    files.set(name, fileOf(Buffer.from(out.contents), type, IMMUTABLE_CACHE));
  }
  const js = [...files.keys()].find((n) => n.endsWith('.js'));
  const css = [...files.keys()].find((n) => n.endsWith('.css'));
  if (js === undefined || css === undefined) throw new Error('explorer build: no script or style sheet in the output');
  const template = await readFile(`${PAGE_DIR}index.html`, 'utf8');
  const html = template.replaceAll('{{script}}', `${ASSET_PREFIX}${js}`).replaceAll('{{style}}', `${ASSET_PREFIX}${css}`);
  return { page: fileOf(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8', PAGE_CACHE), files };
}

let memo: Promise<ExplorerAssets> | undefined;

/** The page's files, built once per process (a failed build is retried at the next request). */
export function explorerAssets(): Promise<ExplorerAssets> {
  if (memo === undefined) {
    const building = buildExplorerAssets();
    memo = building;
    building.catch(() => {
      if (memo === building) memo = undefined;
    });
  }
  return memo;
}
