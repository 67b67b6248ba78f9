/**
 * The log flags of the commands that run a node: `--log LEVEL` (debug, info, warn, error, silent)
 * and `--log-format json|pretty`. json is one JSON object per line through pino, asynchronously
 * to stderr, for log shippers and `jq`; pretty is the aligned text line of
 * chain/ports/stream-logger.ts (`<time> WARN  node.wal: message key=value`), for people.
 */
import type { Command } from 'commander';
import { createPinoLogger, type PinoLoggerOptions } from '../../chain/node/adapters/pino-logger.ts';
import { systemClock } from '../../chain/node/adapters/system-clock.ts';
import { LOG_LEVELS, type Logger, type LogThreshold } from '../../chain/ports/logger.ts';
import { createStreamLogger } from '../../chain/ports/stream-logger.ts';
import { CliError } from './cli-errors.ts';
import type { CliIo } from './cli-io.ts';

export const LOG_THRESHOLDS: readonly LogThreshold[] = [...LOG_LEVELS, 'silent'];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogFlags {
  log: LogThreshold;
  logFormat: LogFormat;
}

export function parseLogLevel(value: string): LogThreshold {
  const level = LOG_THRESHOLDS.find((t) => t === value);
  if (level === undefined) throw new CliError('CLI_USAGE', `--log wants debug, info, warn, error or silent, got ${JSON.stringify(value)}`);
  return level;
}

export function parseLogFormat(value: string): LogFormat {
  const format = LOG_FORMATS.find((f) => f === value);
  if (format === undefined) throw new CliError('CLI_USAGE', `--log-format wants json or pretty, got ${JSON.stringify(value)}`);
  return format;
}

/** Adds `--log` and `--log-format`, parsed into `LogFlags` (a bad value is CLI_USAGE, exit 2). */
export function addLogOptions(cmd: Command, defaults: { readonly level: LogThreshold; readonly format: LogFormat }): Command {
  return cmd
    .option('--log <level>', 'node log level: debug, info, warn, error, silent', parseLogLevel, defaults.level)
    .option('--log-format <format>', 'node log lines: json (one JSON object per line) or pretty (text for people)', parseLogFormat, defaults.format);
}

export interface CliLogger {
  readonly logger: Logger;
  /** Before exit: waits for log lines still being written (json); nothing to wait for with pretty. */
  flush(): Promise<void>;
}

/**
 * The node's logger for these flags. pretty writes through `io.err` with the wall-clock time;
 * json writes through pino to `jsonDestination` (default stderr, asynchronously: not through
 * `io.err`, whose writes block the event loop), so in-process tests pass a memory stream.
 */
export function createCliLogger(io: CliIo, flags: LogFlags, jsonDestination?: PinoLoggerOptions['destination']): CliLogger {
  if (flags.logFormat === 'json') {
    const logger = createPinoLogger({ threshold: flags.log, ...(jsonDestination !== undefined && { destination: jsonDestination }) });
    return { logger, flush: () => logger.flush() };
  }
  const logger = createStreamLogger({ write: (chunk) => io.err(chunk) }, { threshold: flags.log, clock: systemClock() });
  return { logger, flush: async () => {} };
}
