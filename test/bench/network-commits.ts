/**
 * What the network benchmark's client sees of commits: a `/events?kinds=block` WebSocket to one
 * node, each block noted when its message arrives (the commit as a client observes it), then its
 * tx hashes read with GET /blocks/:height (one request per block, lighter for the node than a
 * message per tx). Listeners get each block's arrival time with its hashes, in height order.
 */
import http from 'node:http';
import WebSocket from 'ws';
import type { BlockMessage, BlockView } from '../../rpc/api/schemas.ts';

export interface ObservedBlock {
  readonly height: number;
  /** performance.now() when the block's message arrived. */
  readonly at: number;
  readonly hashes: readonly string[];
}

export interface CommitWatch {
  readonly blocks: ObservedBlock[];
  /** Blocks whose txs could not be read (their txs then count as not committed). */
  readonly errors: string[];
  onBlock(listener: (b: ObservedBlock) => void): void;
  close(): void;
}

export async function watchCommits(rpcUrl: string): Promise<CommitWatch> {
  const ws = new WebSocket(`${rpcUrl.replace(/^http/, 'ws')}/events?kinds=block`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const blocks: ObservedBlock[] = [];
  const listeners: Array<(b: ObservedBlock) => void> = [];
  const errors: string[] = [];
  // Blocks are handed on in height order even if their GETs answer out of order.
  let chain = Promise.resolve();
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const m = JSON.parse(data.toString('utf8')) as BlockMessage;
    if (m.kind !== 'block') return;
    const view = m.txs === 0 ? Promise.resolve<readonly string[]>([]) : getJson<BlockView>(`${rpcUrl}/blocks/${m.height}`).then(
            (b) => b.txs.map((t) => t.hash),
            (e: unknown) => {
              errors.push(`block ${m.height}: ${String(e)}`);
              return [];
            },
          );
    chain = chain.then(async () => {
      const b: ObservedBlock = { height: m.height, at, hashes: await view };
      blocks.push(b);
      for (const l of listeners) l(b);
    });
  });
  return {
    blocks,
    errors,
    onBlock: (l) => listeners.push(l),
    close: () => ws.close(),
  };
}

function getJson<T>(url: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`GET ${url}: ${res.statusCode}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
        });
      })
      .on('error', reject);
  });
}
