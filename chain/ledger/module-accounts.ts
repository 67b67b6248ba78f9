/**
 * Accounts owned by modules rather than by keys (the DAO treasury, later the pool): their address
 * is the first 20 bytes of sha256("TFR-module-account-v1" || 0x00 || name). No ed25519 key hashes
 * to it short of breaking sha256, so nobody can sign for it; only module code moves its funds.
 */
import { sha256Portable } from '../codec/hash-portable.ts';
import { utf8 } from '../codec/bytes.ts';

export function moduleAccountAddress(name: string): Uint8Array {
  return sha256Portable(utf8('TFR-module-account-v1'), Uint8Array.of(0), utf8(name)).slice(0, 20);
}

/** Where tx fees go; the DAO spends from it. */
export const TREASURY_ACCOUNT = 'dao/treasury';
