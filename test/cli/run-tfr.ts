/** Runs the CLI in-process with captured output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
