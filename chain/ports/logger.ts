/**
 * Structured logging with per-module children (`logger.child('wal')`), as a port so tests stay
 * quiet (`SILENT_LOGGER`) or inspect what was logged (`MemoryLogger`), and the node writes lines
 * (`createStreamLogger`). Fields are data, not interpolated text, so they can be filtered.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** The lowest level written, or 'silent' for nothing. */
export type LogThreshold = LogLevel | 'silent';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  /** Dotted module path of this logger ('' for a root logger), e.g. 'node.wal'. */
  readonly module: string;
  /** Lets callers skip building costly fields for a level that is filtered out. */
  isEnabled(level: LogLevel): boolean;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Same output and threshold, module `parent.module` (or `module` under a root logger). */
  child(module: string): Logger;
}

/** True when `level` passes `threshold`. */
export function levelEnabled(level: LogLevel, threshold: LogThreshold): boolean {
  return threshold !== 'silent' && LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}

export function childModule(parent: string, module: string): string {
  return parent === '' ? module : `${parent}.${module}`;
}
