/**
 * The state keys of anchoring and the bridge, in one place, because other chains prove them: the
 * region proves the Hub's region record (receipts) and deposits; the Hub proves a region's
 * withdrawals. Portable (the SDK, the relayer and the RPC build the same keys).
 *
 * Hub, module "anchor" (store prefix 0x10):
 *   0x10 0x00                               config (registrar)
 *   0x10 0x01 || chainKey                   RegionRecord
 *   0x10 0x02 || chainKey || u64be(height)  AnchoredCertificate (every accepted height)
 *   0x10 0x03 || chainKey || u64be(height)  ForkEvidence
 * Hub and region, module "bridge" (store prefix 0x11):
 *   0x11 0x00                               next transfer sequence
 *   0x11 0x01 || id                         TransferRecord this chain sent (Hub: deposits, region: withdrawals)
 *   0x11 0x02 || id                         ClaimRecord of a transfer this chain paid out
 *   0x11 0x03                               region: the latest AnchorReceipt
 *   0x11 0x04                               bridge config copied from genesis
 *   0x11 0x05                               region: the Hub height that proved the bridge frozen (absent = not frozen)
 * chainKey = u8(length) || ASCII chain id, so one chain id is never a prefix of another's keys.
 */
import { concatBytes } from '../codec/bytes-portable.ts';

export const ANCHOR_STORE_PREFIX = 0x10;
export const BRIDGE_STORE_PREFIX = 0x11;

export const ANCHOR_STORE = { config: 0x00, region: 0x01, certificate: 0x02, fork: 0x03 } as const;
export const BRIDGE_STORE = { sequence: 0x00, transfer: 0x01, claim: 0x02, receipt: 0x03, config: 0x04, frozen: 0x05 } as const;

export function chainKey(chainId: string): Uint8Array {
  const out = new Uint8Array(1 + chainId.length);
  out[0] = chainId.length;
  for (let i = 0; i < chainId.length; i++) out[1 + i] = chainId.charCodeAt(i);
  return out;
}

function heightKey(height: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(height));
  return out;
}

export const anchorKeys = {
  config: (): Uint8Array => Uint8Array.of(ANCHOR_STORE_PREFIX, ANCHOR_STORE.config),
  region: (chainId: string): Uint8Array => concatBytes(Uint8Array.of(ANCHOR_STORE_PREFIX, ANCHOR_STORE.region), chainKey(chainId)),
  certificate: (chainId: string, height: number): Uint8Array => concatBytes(Uint8Array.of(ANCHOR_STORE_PREFIX, ANCHOR_STORE.certificate), chainKey(chainId), heightKey(height)),
  fork: (chainId: string, height: number): Uint8Array => concatBytes(Uint8Array.of(ANCHOR_STORE_PREFIX, ANCHOR_STORE.fork), chainKey(chainId), heightKey(height)),
};

export const bridgeKeys = {
  sequence: (): Uint8Array => Uint8Array.of(BRIDGE_STORE_PREFIX, BRIDGE_STORE.sequence),
  transfer: (id: Uint8Array): Uint8Array => concatBytes(Uint8Array.of(BRIDGE_STORE_PREFIX, BRIDGE_STORE.transfer), id),
  claim: (id: Uint8Array): Uint8Array => concatBytes(Uint8Array.of(BRIDGE_STORE_PREFIX, BRIDGE_STORE.claim), id),
  receipt: (): Uint8Array => Uint8Array.of(BRIDGE_STORE_PREFIX, BRIDGE_STORE.receipt),
  config: (): Uint8Array => Uint8Array.of(BRIDGE_STORE_PREFIX, BRIDGE_STORE.config),
  frozen: (): Uint8Array => Uint8Array.of(BRIDGE_STORE_PREFIX, BRIDGE_STORE.frozen),
};
