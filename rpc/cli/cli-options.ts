/** Argument parsers for commander options. */
import { InvalidArgumentError } from 'commander';

/** A decimal integer in [min, max]. */
export function integerOption(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^[0-9]{1,15}$/.test(value)) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}.`);
    return n;
  };
}
