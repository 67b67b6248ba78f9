/** A Logger that drops everything: the default in tests and for the simulator's 99 nodes. */
import type { Logger } from './logger.ts';

const noop = (): void => {};

export const SILENT_LOGGER: Logger = Object.freeze({
  module: '',
  isEnabled: () => false,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => SILENT_LOGGER,
});
