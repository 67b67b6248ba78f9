/**
 * Options shared by the commands that talk to a node: `--rpc URL` (default $TFR_RPC, then the local
 * testnet's http://127.0.0.1:26657) and `--json` (print the RPC's JSON instead of text).
 */
import type { Command } from 'commander';
import { createClient, type TfrClient } from '../client/client.ts';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';

export const DEFAULT_RPC_URL = 'http://127.0.0.1:26657';

export interface RpcFlags {
  rpc?: string;
  json?: boolean;
}

export function addRpcOptions(cmd: Command): Command {
  return cmd.option('--rpc <url>', `node RPC URL (default $TFR_RPC, else ${DEFAULT_RPC_URL})`).option('--json', "print the node's JSON answer");
}

/** An http(s) URL from an option, else an environment variable, else a default. */
export function urlOf(ctx: CliContext, given: string | undefined, env: string, fallback: string, option: string): string {
  const fromEnv = ctx.io.env[env];
  const url = given ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : fallback);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new CliError('CLI_USAGE', `${option} wants an http:// or https:// URL, got ${JSON.stringify(url)}`);
  }
  return url;
}

export function rpcUrl(ctx: CliContext, flags: RpcFlags): string {
  return urlOf(ctx, flags.rpc, 'TFR_RPC', DEFAULT_RPC_URL, '--rpc');
}

export function clientFor(ctx: CliContext, flags: RpcFlags): TfrClient {
  return createClient({ url: rpcUrl(ctx, flags), ...(ctx.io.fetch !== undefined && { fetch: ctx.io.fetch }) });
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}
