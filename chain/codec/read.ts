/**
 * Typed readers for decoded CBOR: each checks one field's shape and names the field in its error,
 * so schema decoders read like the schema and a malformed message says exactly what is wrong.
 */
import { ChainError } from '../errors.ts';
import type { CborValue } from './cbor.ts';

function wrongType(path: string, expected: string): ChainError {
  return new ChainError('CODEC_WRONG_TYPE', `${path}: expected ${expected}`, { field: path });
}

export function readUint(v: CborValue | undefined, path: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) throw wrongType(path, `an integer in [0, ${max}]`);
  return v;
}

export function readBytes(v: CborValue | undefined, path: string, length?: number): Uint8Array {
  if (!(v instanceof Uint8Array)) throw wrongType(path, 'a byte string');
  if (length !== undefined && v.length !== length) throw wrongType(path, `${length} bytes, got ${v.length}`);
  return v;
}

export function readString(v: CborValue | undefined, path: string, maxLength: number): string {
  if (typeof v !== 'string' || v.length > maxLength) throw wrongType(path, `a text string of at most ${maxLength} characters`);
  return v;
}

export function readBool(v: CborValue | undefined, path: string): boolean {
  if (typeof v !== 'boolean') throw wrongType(path, 'a boolean');
  return v;
}

export function readArray(v: CborValue | undefined, path: string, length?: number): readonly CborValue[] {
  if (!Array.isArray(v)) throw wrongType(path, 'an array');
  const arr = v as readonly CborValue[];
  if (length !== undefined && arr.length !== length) throw wrongType(path, `an array of ${length} items, got ${arr.length}`);
  return arr;
}

/** A text-keyed map with exactly the given keys (no missing, no extra). */
export function readMap<K extends string>(v: CborValue | undefined, path: string, keys: readonly K[]): { readonly [P in K]: CborValue } {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) throw wrongType(path, 'a map');
  const m = v as { readonly [key: string]: CborValue };
  const present = Object.keys(m);
  for (const k of present) if (!(keys as readonly string[]).includes(k)) throw wrongType(`${path}.${k}`, 'no such field');
  for (const k of keys) if (!(k in m)) throw wrongType(`${path}.${k}`, 'a value (field missing)');
  return m as { readonly [P in K]: CborValue };
}
