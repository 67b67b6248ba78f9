/**
 * Account addresses: bech32m(hrp, first 20 bytes of sha256(ed25519 public key)) (BIP 350).
 * 20 bytes keep addresses short while a collision still needs ~2^80 work.
 *
 * Human-readable prefixes follow our own rule, stricter than BIP 173 (which allows 1..83 printable
 * ASCII): 1..16 characters of lowercase a-z and 0-9, so prefixes are short, unambiguous and safe in
 * URLs and file names. A "1" inside the prefix is fine: bech32 splits at the last "1".
 * Decoding accepts an all-lowercase or all-uppercase string (BIP 173 allows uppercase for QR codes)
 * and rejects mixed case. Portable (no node:*).
 */
import { bech32, bech32m } from '@scure/base';
import { ChainError } from '../errors.ts';
import { sha256Portable } from '../codec/hash-portable.ts';
import { BoundedCache } from '../bounded-cache.ts';

export const ADDRESS_BYTES = 20;
export const HRP_MAX_LENGTH = 16;

const HRP_RE = /^[a-z0-9]{1,16}$/;

/** Our rule for a human-readable prefix: 1..16 of lowercase a-z and 0-9. */
export function isValidHrp(hrp: string): boolean {
  return typeof hrp === 'string' && HRP_RE.test(hrp);
}

function checkHrp(hrp: string): void {
  if (!isValidHrp(hrp)) throw new RangeError(`address prefix must be 1..${HRP_MAX_LENGTH} of a-z, 0-9: ${JSON.stringify(hrp)}`);
}

/** First 20 bytes of sha256 of a 32-byte ed25519 public key. */
export function addressBytesFromPublicKey(publicKey: Uint8Array): Uint8Array {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new ChainError('CRYPTO_BAD_KEY', 'an ed25519 public key must be 32 bytes');
  }
  return sha256Portable(publicKey).slice(0, ADDRESS_BYTES);
}

/**
 * Encoded addresses, since execution encodes the same few (senders, the treasury) for every tx's
 * events and bech32's checksum costs several µs each time.
 */
const encoded = new BoundedCache<string, string>(100_000);

export function encodeAddress(hrp: string, bytes: Uint8Array): string {
  if (bytes.length !== ADDRESS_BYTES) throw new RangeError(`address must be ${ADDRESS_BYTES} bytes, got ${bytes.length}`);
  // One UTF-16 unit per byte: a lossless key, cheaper than hex and portable.
  const key = `${hrp}:${String.fromCharCode(...bytes)}`;
  let address = encoded.get(key);
  if (address === undefined) {
    checkHrp(hrp);
    address = bech32m.encode(hrp, bech32m.toWords(bytes));
    encoded.set(key, address);
  }
  return address;
}

export function addressFromPublicKey(hrp: string, publicKey: Uint8Array): string {
  return encodeAddress(hrp, addressBytesFromPublicKey(publicKey));
}

function bad(message: string, address: string): ChainError {
  return new ChainError('CRYPTO_BAD_ADDRESS', message, { address });
}

/**
 * The 20 address bytes of `address`, which must be bech32m with prefix `expectedHrp`.
 * Throws ChainError CRYPTO_BAD_ADDRESS naming the first problem found.
 */
export function decodeAddress(address: string, expectedHrp: string): Uint8Array {
  checkHrp(expectedHrp);
  if (typeof address !== 'string') throw bad('address must be a string', String(address));
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) {
    throw bad('address mixes upper and lower case', address);
  }
  const decoded = bech32m.decodeUnsafe(address);
  if (decoded === undefined) {
    if (bech32.decodeUnsafe(address) !== undefined) {
      throw bad('address uses bech32 (BIP 173) encoding; bech32m (BIP 350) is required', address);
    }
    throw bad('address is not valid bech32m (bad checksum, character or format)', address);
  }
  if (decoded.prefix !== expectedHrp) {
    throw bad(`address prefix is "${decoded.prefix}", expected "${expectedHrp}"`, address);
  }
  const bytes = bech32m.fromWordsUnsafe(decoded.words);
  if (bytes === undefined) throw bad('address payload has invalid padding', address);
  if (bytes.length !== ADDRESS_BYTES) {
    throw bad(`address payload is ${bytes.length} bytes, expected ${ADDRESS_BYTES}`, address);
  }
  return bytes;
}
