/**
 * Domain separation of every signed message, so a signature made for one purpose or one chain never
 * verifies for another (a tx of one region cannot replay on another region or on the Hub, a vote is
 * never a valid tx):
 *
 *   signingBytes = utf8("TFR-" + purpose + "-v1") || 0x00 || u8(len(chainId)) || chainId || payload
 *
 * The tag is ASCII without 0x00, so the 0x00 ends it unambiguously; the length byte delimits the
 * chain id; the payload is canonical bytes from the codec. Portable (no node:*).
 */

export const SIGNING_PURPOSE = {
  tx: 'tx',
  vote: 'vote',
  proposal: 'proposal',
  certificate: 'certificate',
  uptime: 'uptime',
  nodeRegistration: 'node-registration',
} as const;

export type SigningPurpose = (typeof SIGNING_PURPOSE)[keyof typeof SIGNING_PURPOSE];

export const CHAIN_ID_MAX_LENGTH = 64;

const PURPOSES: ReadonlySet<string> = new Set(Object.values(SIGNING_PURPOSE));
const encoder = new TextEncoder();
/** "TFR-<purpose>-v1" || 0x00, computed once per purpose. */
const prefixes = new Map<string, Uint8Array>(
  [...PURPOSES].map((p) => [p, encoder.encode(`TFR-${p}-v1\u0000`)]),
);

/** 1..64 printable ASCII characters (0x20-0x7e). */
export function isValidChainId(chainId: string): boolean {
  if (typeof chainId !== 'string' || chainId.length < 1 || chainId.length > CHAIN_ID_MAX_LENGTH) return false;
  for (let i = 0; i < chainId.length; i++) {
    const c = chainId.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** The bytes to sign for `payload`. Throws RangeError on an unknown purpose or an invalid chain id. */
export function signingBytes(purpose: SigningPurpose, chainId: string, payload: Uint8Array): Uint8Array {
  const prefix = prefixes.get(purpose);
  if (prefix === undefined) throw new RangeError(`unknown signing purpose: ${String(purpose)}`);
  if (!isValidChainId(chainId)) {
    throw new RangeError(`chain id must be 1..${CHAIN_ID_MAX_LENGTH} printable ASCII characters: ${JSON.stringify(chainId)}`);
  }
  const out = new Uint8Array(prefix.length + 1 + chainId.length + payload.length);
  out.set(prefix, 0);
  let o = prefix.length;
  out[o++] = chainId.length;
  // ASCII: one byte per character, equal to its UTF-8 encoding.
  for (let i = 0; i < chainId.length; i++) out[o++] = chainId.charCodeAt(i);
  out.set(payload, o);
  return out;
}
