/**
 * `tfr blocks [--from H] [--limit N] [--follow]`: lists blocks, oldest first. With --follow it
 * keeps printing new blocks until Ctrl-C (or --limit blocks in all): the /events stream only says
 * which height is the newest; every block is read with GET /blocks/:height, in order, so output
 * has no gaps or repeats and --json prints the same BlockView shape throughout.
 */
import type { Command } from 'commander';
import type { BlockView } from '../api/schemas.ts';
import type { TfrClient } from '../client/client.ts';
import { RpcError } from '../client/rpc-error.ts';
import type { WebSocketConstructor } from '../client/subscribe.ts';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { blockLine } from './chain-format.ts';
import { addRpcOptions, clientFor, type RpcFlags } from './rpc-options.ts';

interface BlocksFlags extends RpcFlags {
  from?: number;
  limit?: number;
  follow?: boolean;
}

export const DEFAULT_BLOCKS_LIMIT = 10;

export function registerBlocksCommand(program: Command, ctx: CliContext): void {
  addRpcOptions(
    program
      .command('blocks')
      .description('list blocks (default: the latest 10); --follow keeps printing new ones until Ctrl-C')
      .option('--from <height>', 'first height to print (default: the latest 10, or with --follow the latest block)', integerOption(1, Number.MAX_SAFE_INTEGER))
      .option('--limit <n>', `how many blocks (default ${DEFAULT_BLOCKS_LIMIT}; with --follow: no limit)`, integerOption(1, 100_000))
      .option('--follow', 'then print each new block as it is committed, until Ctrl-C'),
  ).action(async (flags: BlocksFlags) => {
    const client = clientFor(ctx, flags);
    const print = (b: BlockView): void => ctx.io.out(flags.json === true ? `${JSON.stringify(b)}\n` : blockLine(b));
    if (flags.follow === true) await follow(ctx, client, flags, print);
    else await list(client, flags, print);
  });
}

const MAX_RATE_RETRIES = 5;

/**
 * A block read that waits out the node's rate limit (long listings read hundreds of blocks in a
 * row); any other error passes through.
 */
async function readBlock(client: TfrClient, height: number): Promise<BlockView> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.block(height);
    } catch (e) {
      if (!(e instanceof RpcError && e.code === 'RPC_RATE_LIMITED') || attempt >= MAX_RATE_RETRIES) throw e;
      const after = e.details?.['retryAfterMs'];
      await new Promise((r) => setTimeout(r, Math.min(5_000, typeof after === 'number' && after > 0 ? after : 1_000)));
    }
  }
}

async function list(client: TfrClient, flags: BlocksFlags, print: (b: BlockView) => void): Promise<void> {
  const limit = flags.limit ?? DEFAULT_BLOCKS_LIMIT;
  const latest = (await client.status()).height;
  const from = flags.from ?? Math.max(1, latest - limit + 1);
  // Beyond the head: let the node say RPC_BLOCK_NOT_FOUND rather than print nothing.
  const to = Math.max(from, Math.min(latest, from + limit - 1));
  for (let h = from; h <= to; h++) print(await readBlock(client, h));
}

async function defaultWebSocket(ctx: CliContext): Promise<WebSocketConstructor> {
  if (ctx.io.WebSocket !== undefined) return ctx.io.WebSocket;
  const ws = await import('ws');
  return ws.WebSocket;
}

function onInterrupt(ctx: CliContext, handler: () => void): () => void {
  if (ctx.io.onInterrupt !== undefined) return ctx.io.onInterrupt(handler);
  process.once('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}

async function follow(ctx: CliContext, client: TfrClient, flags: BlocksFlags, print: (b: BlockView) => void): Promise<void> {
  const WebSocket = await defaultWebSocket(ctx);
  let next = 0; // next height to print; 0 until the status is read
  let newest = 0;
  let printed = 0;
  let pumping = false;
  let finish: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => (finish = (e?: unknown) => (e === undefined ? resolve() : reject(e))));
  let stopped = false;
  const stop = (e?: unknown): void => {
    if (stopped) return;
    stopped = true;
    finish(e);
  };

  // Prints next..newest in order; re-entered calls only raise `newest`.
  const pump = async (): Promise<void> => {
    if (pumping || next === 0) return;
    pumping = true;
    try {
      while (!stopped && next <= newest) {
        print(await readBlock(client, next));
        next++;
        if (flags.limit !== undefined && ++printed >= flags.limit) stop();
      }
    } catch (e) {
      stop(e);
    } finally {
      pumping = false;
    }
  };

  // Subscribe first: a block committed while the status is read is announced, not missed.
  const close = client.subscribe(
    { kinds: ['block'] },
    (m) => {
      newest = Math.max(newest, m.height);
      void pump();
    },
    {
      WebSocket,
      onError: (e: RpcError) => stop(e),
      onClose: (code, reason) => stop(new CliError('CLI_STREAM_CLOSED', `the node closed the event stream (code ${code}${reason === '' ? '' : `, ${reason}`})`)),
    },
  );
  const removeInterrupt = onInterrupt(ctx, () => stop());
  try {
    const latest = (await client.status()).height;
    newest = Math.max(newest, latest);
    next = flags.from ?? Math.max(1, latest);
    void pump();
    await done;
  } catch (e) {
    stop(e);
    await done.catch(() => undefined);
    throw e;
  } finally {
    removeInterrupt();
    close();
  }
}
