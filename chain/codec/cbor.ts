/**
 * The one canonical encoding for everything hashed or signed: deterministic CBOR (RFC 8949 §4.2)
 * through cborg, restricted to what the chain uses — unsigned/negative safe integers, text, bytes,
 * booleans, null, arrays and text-keyed maps. No floats, no tags, no undefined, no indefinite lengths.
 *
 * Decoding is strict: cborg's strict mode rejects non-minimal integers and lengths, duplicate map
 * keys are rejected, trailing bytes are rejected, and finally the value is re-encoded and must
 * reproduce the input byte for byte (this also catches unsorted map keys). So every value has
 * exactly one accepted encoding, and a hash or signature over it can never be malleated.
 */
import { encode as cborgEncode, decode as cborgDecode } from 'cborg';
import { ChainError } from '../errors.ts';
import { bytesEqual } from './bytes-portable.ts';

export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | readonly CborValue[]
  | { readonly [key: string]: CborValue };

const DECODE_OPTIONS = {
  strict: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  rejectDuplicateMapKeys: true,
  useMaps: false,
} as const;

/** Encodes a value canonically. A float or unsafe integer is a programming error: it throws. */
export function encodeCbor(value: CborValue): Uint8Array {
  assertEncodable(value);
  const b = cborgEncode(value);
  // cborg hands out Buffers on Node; a plain view keeps `slice` a copy for every caller.
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Decodes canonical bytes; any other form raises a CODEC_ error and never returns a value. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  let value: unknown;
  try {
    value = cborgDecode(bytes, DECODE_OPTIONS);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/repeat map key|duplicate/i.test(msg)) throw new ChainError('CODEC_DUPLICATE_KEY', `CBOR map has a duplicate key: ${msg}`);
    if (/minimal|strict/i.test(msg)) throw new ChainError('CODEC_NON_CANONICAL', `non-canonical CBOR: ${msg}`);
    throw new ChainError('CODEC_MALFORMED', `malformed CBOR: ${msg}`);
  }
  if (!isCborValue(value)) throw new ChainError('CODEC_WRONG_TYPE', 'CBOR holds a type the chain does not use (float, tag, big integer)');
  if (!bytesEqual(cborgEncode(value), bytes)) throw new ChainError('CODEC_NON_CANONICAL', 'CBOR is not in canonical form');
  return value;
}

/**
 * Decodes bytes this node encoded itself and stored (state values, stored records): the same
 * strict parse, without the re-encoding comparison, which only matters for bytes from outside.
 * Never use it on anything a peer or client sent.
 */
export function decodeStoredCbor(bytes: Uint8Array): CborValue {
  let value: unknown;
  try {
    value = cborgDecode(bytes, DECODE_OPTIONS);
  } catch (e) {
    throw new ChainError('CODEC_MALFORMED', `malformed stored CBOR: ${e instanceof Error ? e.message : String(e)}`);
  }
  return value as CborValue;
}

function isCborValue(v: unknown): v is CborValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isSafeInteger(v);
  if (v instanceof Uint8Array) return true;
  if (Array.isArray(v)) return v.every(isCborValue);
  if (typeof v === 'object' && isPlainObject(v)) {
    return Object.values(v as Record<string, unknown>).every(isCborValue);
  }
  return false;
}

function assertEncodable(v: CborValue): void {
  if (!isCborValue(v)) throw new TypeError(`value cannot be encoded canonically (float, unsafe integer or foreign object): ${describe(v)}`);
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) {
    const i = v.findIndex((x) => !isCborValue(x));
    return `item ${i}: ${describe(v[i])}`;
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && isPlainObject(v)) {
    const k = Object.keys(v).find((key) => !isCborValue((v as Record<string, unknown>)[key]));
    return `field ${k}: ${describe((v as Record<string, unknown>)[k ?? ''])}`;
  }
  return typeof v === 'object' ? `a ${v === null ? 'null' : v.constructor.name}` : `${typeof v} ${String(v)}`;
}
