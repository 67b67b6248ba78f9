/**
 * A Logger that keeps its entries in memory, so tests can assert what a component reported (e.g.
 * that a torn WAL tail was dropped). Children share their root's `entries`.
 */
import { childModule, levelEnabled, type LogFields, type Logger, type LogLevel, type LogThreshold } from './logger.ts';

export interface LogEntry {
  readonly level: LogLevel;
  readonly module: string;
  readonly message: string;
  readonly fields: LogFields;
}

export class MemoryLogger implements Logger {
  readonly module: string;
  readonly entries: LogEntry[];
  readonly #threshold: LogThreshold;

  constructor(threshold: LogThreshold = 'debug', module = '', entries: LogEntry[] = []) {
    this.#threshold = threshold;
    this.module = module;
    this.entries = entries;
  }

  isEnabled(level: LogLevel): boolean {
    return levelEnabled(level, this.#threshold);
  }

  debug(message: string, fields?: LogFields): void {
    this.#log('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#log('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#log('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#log('error', message, fields);
  }

  child(module: string): MemoryLogger {
    return new MemoryLogger(this.#threshold, childModule(this.module, module), this.entries);
  }

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (levelEnabled(level, this.#threshold)) this.entries.push({ level, module: this.module, message, fields: fields ?? {} });
  }
}
