/**
 * Small typed readers for the untyped JSON value: each checks one value, adds an issue naming its
 * field when it is wrong, and returns the typed value or undefined. `ObjectReader` walks one JSON
 * object: required and optional fields, and every key that is not part of the format.
 */
import type BN from 'bn.js';
import { parseBaseUnits } from '../chain/amount.ts';
import { fromHexStrict } from '../chain/codec/bytes.ts';
import { decodeAddress } from '../chain/crypto/addresses.ts';
import { fieldPath, type IssueList } from './genesis-issue.ts';

export type Reader<T> = (value: unknown, field: string, issues: IssueList) => T | undefined;

/** A value for an error message: JSON, cut to 60 characters. */
export function show(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringMatching(re: RegExp, description: string): Reader<string> {
  return (value, field, issues) => {
    if (typeof value !== 'string') {
      issues.add('GENESIS_INVALID_FIELD', field, `must be a string (${description}), got ${typeName(value)}`);
      return undefined;
    }
    if (!re.test(value)) {
      issues.add('GENESIS_INVALID_FIELD', field, `must be ${description}, got ${show(value)}`);
      return undefined;
    }
    return value;
  };
}

/** An integer in [min, max] (JSON number; 1e3 and 1.0 are the integers they denote). */
export function integerIn(min: number, max: number): Reader<number> {
  return (value, field, issues) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      issues.add('GENESIS_INVALID_FIELD', field, `must be an integer from ${min} to ${max}, got ${typeof value === 'number' ? show(value) : typeName(value)}`);
      return undefined;
    }
    if (value < min || value > max) {
      issues.add('GENESIS_INVALID_FIELD', field, `must be an integer from ${min} to ${max}, got ${value}`);
      return undefined;
    }
    return value;
  };
}

/** Exactly `length` bytes as lowercase hex. */
export function hexBytes(length: number): Reader<Uint8Array> {
  const description = `${length * 2} lowercase hex characters (${length} bytes)`;
  return (value, field, issues) => {
    const bytes = typeof value === 'string' ? fromHexStrict(value) : undefined;
    if (bytes === undefined || bytes.length !== length) {
      const got = typeof value === 'string' ? `${value.length} characters ${show(value)}` : typeName(value);
      issues.add('GENESIS_INVALID_FIELD', field, `must be ${description}, got ${got}`);
      return undefined;
    }
    return bytes;
  };
}

/** A decimal string of base units: "0" or digits without a leading zero, at most 2^128 - 1. */
export const amountString: Reader<BN> = (value, field, issues) => {
  const amount = typeof value === 'string' ? parseBaseUnits(value) : undefined;
  if (amount === undefined) {
    const got = typeof value === 'string' ? show(value) : typeName(value);
    issues.add('GENESIS_INVALID_AMOUNT', field, `must be a decimal string of base units from "0" to 2^128 - 1 (no sign, point, exponent or leading zero), got ${got}`);
  }
  return amount;
};

export class ObjectReader {
  private constructor(
    readonly field: string,
    readonly object: Record<string, unknown>,
    private readonly issues: IssueList,
  ) {}

  /** A reader over `value`, or undefined (with an issue) unless it is a JSON object. */
  static open(value: unknown, field: string, issues: IssueList): ObjectReader | undefined {
    if (!isJsonObject(value)) {
      issues.add('GENESIS_INVALID_FIELD', field, `must be an object, got ${typeName(value)}`);
      return undefined;
    }
    return new ObjectReader(field, value, issues);
  }

  path(key: string): string {
    return fieldPath(this.field, key);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.object, key);
  }

  keys(): string[] {
    return Object.keys(this.object);
  }

  /** The field read by `read`; GENESIS_MISSING_FIELD when absent. */
  required<T>(key: string, read: Reader<T>): T | undefined {
    if (!this.has(key)) {
      this.issues.add('GENESIS_MISSING_FIELD', this.path(key), `required field "${key}" is missing`);
      return undefined;
    }
    return read(this.object[key], this.path(key), this.issues);
  }

  /** The field read by `read`, or undefined when absent (null is not absent: it is a wrong type). */
  optional<T>(key: string, read: Reader<T>): T | undefined {
    return this.has(key) ? read(this.object[key], this.path(key), this.issues) : undefined;
  }

  /** GENESIS_UNKNOWN_FIELD for every key outside `allowed`. */
  rejectUnknown(allowed: readonly string[]): void {
    for (const key of this.keys()) {
      if (!allowed.includes(key)) {
        this.issues.add('GENESIS_UNKNOWN_FIELD', this.path(key), `unknown field "${key}" (allowed here: ${allowed.join(', ')})`);
      }
    }
  }
}

/**
 * A lowercase bech32m address of 20 bytes, with any valid prefix (the chain's own prefix is checked
 * where the genesis is applied, which knows it). Returns the address string.
 */
export const bech32Address: Reader<string> = (value, field, issues) => {
  const m = typeof value === 'string' ? /^([a-z0-9]{1,16})1[02-9ac-hj-np-z]+$/.exec(value) : null;
  if (m === null || m[1] === undefined) {
    issues.add('GENESIS_INVALID_ADDRESS', field, `must be a lowercase bech32m address, got ${typeName(value)}`);
    return undefined;
  }
  try {
    decodeAddress(value as string, m[1]);
  } catch (e) {
    issues.add('GENESIS_INVALID_ADDRESS', field, e instanceof Error ? e.message : String(e));
    return undefined;
  }
  return value as string;
};
