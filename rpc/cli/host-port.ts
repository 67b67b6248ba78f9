/** `HOST:PORT` flags (the RPC address); anything else is CLI_USAGE. */
import { CliError } from './cli-errors.ts';

export function hostPort(flag: string, value: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new CliError('CLI_USAGE', `${flag} wants HOST:PORT, got ${JSON.stringify(value)}`);
  return { host: m[1]!, port };
}
