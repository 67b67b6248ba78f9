/** Runs the CLI in-process with captured output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTextFile } from '../../rpc/cli/cli-files.ts';
import { encodeKeyFile } from '../../rpc/cli/key-file.ts';
import { runCli } from '../../rpc/cli/main.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface TfrResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function tfr(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<TfrResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    env: options.env ?? { HOME: '/nonexistent-home-for-tests' },
    cwd: options.cwd ?? REPO_ROOT,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tfr-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The value of a `name   value` line of the CLI's text output. */
export function field(output: string, name: string): string {
  const m = new RegExp(`^${name}\\s+(.+)$`, 'm').exec(output);
  if (m === null) throw new Error(`no "${name}" in:\n${output}`);
  return m[1]!;
}

/**
 * A CLI environment for a running test chain: $TFR_HOME with key files of the named accounts
 * (so `--key NAME` finds a file, as a user's would) and $TFR_RPC pointing at `url`.
 */
export function cliEnvFor(url: string, keys: ReadonlyArray<{ name: string; publicKey: Uint8Array; secret: Uint8Array }>): { env: Record<string, string>; remove: () => void } {
  const tmp = tempDir();
  for (const k of keys) {
    writeTextFile(join(tmp.dir, 'keys', `${k.name}.json`), encodeKeyFile({ name: k.name, publicKey: k.publicKey, secretKey: k.secret }), { mode: 0o600 });
  }
  return { env: { TFR_HOME: tmp.dir, TFR_RPC: url, HOME: '/nonexistent-home-for-tests' }, remove: tmp.remove };
}
