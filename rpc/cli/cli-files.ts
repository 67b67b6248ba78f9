/** File helpers of the CLI: paths relative to the CLI's cwd, strict UTF-8 reads, no-clobber writes. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './cli-errors.ts';
import type { CliIo } from './cli-io.ts';

export function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** $TFR_HOME, default ~/.tfr. */
export function tfrHome(io: CliIo): string {
  const home = io.env['TFR_HOME'];
  if (home !== undefined && home !== '') return resolvePath(io, home);
  return join(io.env['HOME'] ?? homedir(), '.tfr');
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/**
 * The file's text. Invalid UTF-8 is an error, and a byte order mark is kept (so it fails as JSON
 * instead of silently changing the bytes that a genesis hash covers).
 */
export function readTextFile(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') throw new CliError('CLI_FILE_NOT_FOUND', `no such file: ${path}`);
    throw new CliError('CLI_READ_FAILED', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError('CLI_READ_FAILED', `${path} is not UTF-8 text`);
  }
}

export interface WriteOptions {
  /** Replace an existing file (otherwise CLI_FILE_EXISTS). */
  readonly force?: boolean;
  /** File mode of a new file (e.g. 0o600 for secrets). */
  readonly mode?: number;
  /** Mode of parent directories created on the way. */
  readonly dirMode?: number;
  /** Appended to the CLI_FILE_EXISTS message, e.g. "use --force to replace it". */
  readonly existsHint?: string;
}

/** Writes `text`, creating parent directories; refuses to replace a file unless `force`. */
export function writeTextFile(path: string, text: string, options: WriteOptions = {}): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: options.dirMode ?? 0o755 });
    writeFileSync(path, text, { flag: options.force === true ? 'w' : 'wx', mode: options.mode ?? 0o644 });
  } catch (e) {
    if (errnoCode(e) === 'EEXIST') {
      throw new CliError('CLI_FILE_EXISTS', `${path} exists already${options.existsHint === undefined ? '' : ` (${options.existsHint})`}`);
    }
    throw new CliError('CLI_WRITE_FAILED', `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
