/**
 * The Logger port over pino, for a node run by operators: one JSON object per line
 * (`{"level":"info","time":"<RFC 3339>","pid":..,"hostname":..,"module":"node.wal","msg":"..",...fields}`),
 * written asynchronously to stderr by default so logging never blocks consensus on a slow terminal
 * or pipe. Log shippers (Loki, Elasticsearch, jq) read it as it is. The line logger of
 * chain/ports/stream-logger.ts stays for tests and the testnet's human output.
 *
 * Fields are made JSON-safe the way the stream logger does it (byte arrays as hex, bigints as
 * decimal strings, errors as objects with their code), and a field named like a key of the line
 * itself (`level`, `msg`, ...) is written as `field_<name>` so the line never has a key twice.
 */
import { EventEmitter } from 'node:events';
import pino from 'pino';
import { childModule, levelEnabled, type LogFields, type Logger, type LogLevel, type LogThreshold } from '../../ports/logger.ts';

export interface PinoLoggerOptions {
  readonly threshold: LogThreshold;
  /** Where lines go; default stderr through pino.destination({ fd: 2, sync: false }). */
  readonly destination?: pino.DestinationStream | NodeJS.WritableStream;
  /** Fields on every line, e.g. `{ node: 'validator-3', chainId }`; default pino's `{ pid, hostname }` (given, it replaces them). */
  readonly base?: Record<string, unknown>;
}

export interface PinoLogger extends Logger {
  /** Resolves once the lines logged so far have left the process (bounded by FLUSH_TIMEOUT_MS: a blocked stderr must not hold up shutdown). */
  flush(): Promise<void>;
}

export const FLUSH_TIMEOUT_MS = 2_000;
/** Nested objects in fields are converted this deep; deeper values are summarized. */
const MAX_DEPTH = 4;

export function createPinoLogger(options: PinoLoggerOptions): PinoLogger {
  const destination = options.destination ?? pino.destination({ fd: 2, sync: false });
  const root = pino(
    {
      // pino filters too, but isEnabled answers from the threshold without asking it.
      level: options.threshold,
      // Level names, not pino's numbers: the same `level` values as the stream logger's JSON lines.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors are converted below, under any key; pino's own `err` serializer would redo it.
      serializers: { err: (v: unknown) => v },
      ...(options.base !== undefined && { base: options.base }),
    },
    destination as pino.DestinationStream,
  );
  const reserved = new Set(['level', 'time', 'msg', 'module', ...Object.keys(options.base ?? { pid: 0, hostname: '' })]);

  // Children are always made from the root: a pino child of a child would repeat the `module` key.
  const make = (module: string, base: pino.Logger): Logger => {
    const log = (level: LogLevel, message: string, fields: LogFields | undefined): void => {
      if (!levelEnabled(level, options.threshold)) return;
      if (fields === undefined) base[level](message);
      else base[level](lineFields(fields, reserved), message);
    };
    return {
      module,
      isEnabled: (level) => levelEnabled(level, options.threshold),
      debug: (m, f) => log('debug', m, f),
      info: (m, f) => log('info', m, f),
      warn: (m, f) => log('warn', m, f),
      error: (m, f) => log('error', m, f),
      child: (name) => {
        const path = childModule(module, name);
        return make(path, root.child({ module: path }));
      },
    };
  };
  return { ...make('', root), flush: () => flushDestination(destination) };
}

function lineFields(fields: LogFields, reserved: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[reserved.has(k) ? `field_${k}` : k] = jsonSafe(v, 0);
  return out;
}

/** A JSON-safe form of a field value (what JSON.stringify would mangle or refuse). */
function jsonSafe(v: unknown, depth: number): unknown {
  if (v instanceof Uint8Array) return hex(v);
  if (typeof v === 'bigint') return v.toString();
  if (v === undefined) return 'undefined';
  if (v instanceof Error) return errorJson(v, depth);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? `[array of ${v.length}]` : '[object]';
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1));
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), jsonSafe(x, depth + 1)]));
  if (v instanceof Set) return [...v].map((x) => jsonSafe(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x, depth + 1);
  return out;
}

/**
 * `{ type, code?, message, details?, stack?, cause? }`. A coded error (ChainError, RpcError, a Node
 * system error) is an expected condition: its code says what happened, so no stack. An error
 * without a code is a bug, and then the stack is what the operator needs to report.
 */
function errorJson(e: Error, depth: number): Record<string, unknown> {
  const { code, details } = e as { code?: unknown; details?: unknown };
  const out: Record<string, unknown> = { type: e.name };
  if (typeof code === 'string') out['code'] = code;
  out['message'] = e.message;
  if (details !== undefined && details !== null) out['details'] = jsonSafe(details, depth + 1);
  if (typeof code !== 'string' && e.stack !== undefined) out['stack'] = e.stack;
  if (e.cause !== undefined && depth < MAX_DEPTH) out['cause'] = jsonSafe(e.cause, depth + 1);
  return out;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/**
 * Waits until what was written has left the process. pino's own `flush` does not: with the default
 * `minLength` 0 its SonicBoom answers at once while an async write may still be in flight. An
 * empty write queues behind the pending ones, and SonicBoom emits 'drain' once its queue is empty;
 * a Node Writable calls the empty write's callback after the writes before it.
 */
function flushDestination(destination: pino.DestinationStream | NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    let cleanup = (): void => {};
    const done = (): void => {
      clearTimeout(timer);
      cleanup();
      resolve();
    };
    const timer = setTimeout(done, FLUSH_TIMEOUT_MS);
    timer.unref();
    try {
      if (isSonicBoom(destination)) {
        destination.once('drain', done);
        destination.once('error', done);
        cleanup = () => {
          destination.off('drain', done);
          destination.off('error', done);
        };
        destination.write('');
      } else if (isWritable(destination)) {
        // A Writable that ended would emit 'error' on a write: it has nothing in flight to wait for.
        if (destination.writable) destination.write('', () => done());
        else done();
      } else {
        done(); // a plain { write } sink (a test's memory stream) has nothing in flight
      }
    } catch {
      done(); // destroyed: nothing more will leave anyway
    }
  });
}

function isSonicBoom(d: object): d is EventEmitter & { write(s: string): unknown; flushSync(): void } {
  return d instanceof EventEmitter && typeof (d as { flushSync?: unknown }).flushSync === 'function';
}

function isWritable(d: object): d is NodeJS.WritableStream {
  return d instanceof EventEmitter && typeof (d as { writable?: unknown }).writable === 'boolean';
}
