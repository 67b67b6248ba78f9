/**
 * A Logger writing one line per entry to a stream (process.stderr, a file stream, or a test's
 * array): `<iso time> <LEVEL> <module>: <message> key=value ...`, or one JSON object per line with
 * `format: 'json'`. Time comes from the Clock port, so simulated runs log simulated time.
 * Byte arrays print as hex, bigints as decimals, errors as their code and message.
 */
import type { Clock } from './clock.ts';
import { childModule, levelEnabled, type LogFields, type Logger, type LogLevel, type LogThreshold } from './logger.ts';

/** Anything with a `write(string)`: a Node Writable, or a test double. */
export interface LineSink {
  write(chunk: string): unknown;
}

export interface StreamLoggerOptions {
  readonly threshold?: LogThreshold;
  /** Prefix lines with this clock's time; no timestamp without one. */
  readonly clock?: Clock;
  readonly format?: 'text' | 'json';
  readonly module?: string;
}

export function createStreamLogger(sink: LineSink, options: StreamLoggerOptions = {}): Logger {
  return make(sink, options.threshold ?? 'info', options.clock, options.format ?? 'text', options.module ?? '');
}

function make(sink: LineSink, threshold: LogThreshold, clock: Clock | undefined, format: 'text' | 'json', module: string): Logger {
  const log = (level: LogLevel, message: string, fields: LogFields | undefined): void => {
    if (!levelEnabled(level, threshold)) return;
    const time = clock === undefined ? undefined : new Date(clock.now()).toISOString();
    sink.write(format === 'json' ? jsonLine(time, level, module, message, fields) : textLine(time, level, module, message, fields));
  };
  return {
    module,
    isEnabled: (level) => levelEnabled(level, threshold),
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (name) => make(sink, threshold, clock, format, childModule(module, name)),
  };
}

function textLine(time: string | undefined, level: LogLevel, module: string, message: string, fields: LogFields | undefined): string {
  let line = `${time === undefined ? '' : `${time} `}${level.toUpperCase().padEnd(5)} ${module === '' ? '' : `${module}: `}${message}`;
  if (fields !== undefined) {
    for (const [k, v] of Object.entries(fields)) {
      const s = plain(v);
      line += ` ${k}=${typeof s === 'string' && /^[^\s"=]+$/.test(s) ? s : JSON.stringify(s)}`;
    }
  }
  return `${line}\n`;
}

function jsonLine(time: string | undefined, level: LogLevel, module: string, message: string, fields: LogFields | undefined): string {
  const out: Record<string, unknown> = {};
  if (time !== undefined) out['time'] = time;
  out['level'] = level;
  if (module !== '') out['module'] = module;
  out['msg'] = message;
  if (fields !== undefined) for (const [k, v] of Object.entries(fields)) out[k] = plain(v);
  return `${JSON.stringify(out)}\n`;
}

/** A JSON-safe form of a field value. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return hex(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Error) {
    const code = (v as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${v.message}` : v.message;
  }
  if (v === undefined) return 'undefined';
  return v;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
