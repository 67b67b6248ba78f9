/**
 * Everything the CLI touches outside its arguments, so tests run it in-process: output streams, the
 * environment and the working directory. Files are read and written relative to `cwd`.
 */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The real process: stdout, stderr, process.env, process.cwd(). */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** State shared by the commands of one run. */
export interface CliContext {
  readonly io: CliIo;
  /** Set by a command that finishes normally but reports failure (e.g. an invalid genesis). */
  exitCode: number;
}
