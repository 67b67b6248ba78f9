import type { FetchLike } from '../client/client.ts';
import type { WebSocketConstructor } from '../client/subscribe.ts';

/**
 * Everything the CLI touches outside its arguments, so tests run it in-process: output streams, the
 * environment and the working directory. Files are read and written relative to `cwd`. The
 * network and Ctrl-C are injectable for the commands that talk to a node.
 */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Default: globalThis.fetch. */
  readonly fetch?: FetchLike;
  /** For `blocks --follow`; default: the ws package (Node 20 has no global WebSocket). */
  readonly WebSocket?: WebSocketConstructor;
  /** Calls `handler` on Ctrl-C until the returned function is called; default: process SIGINT. */
  readonly onInterrupt?: (handler: () => void) => () => void;
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
