/**
 * Typed access to the Hub's "anchor" state (store prefix 0x10); the keys are exactly those of
 * anchor-keys.ts (a test checks it), the record codecs those of hub-records.ts.
 *
 *   0x10 0x00                               config: [registrar (20 bytes), [chainId, ...]]
 *   0x10 0x01 || chainKey                   RegionRecord
 *   0x10 0x02 || chainKey || u64be(height)  AnchoredCertificate
 *   0x10 0x03 || chainKey || u64be(height)  ForkEvidence
 *
 * The config lists the registered chain ids in registration order, so the RPC can list regions
 * without a range scan of the state.
 */
import { decodeStoredCbor, encodeCbor } from '../codec/cbor.ts';
import { readArray, readBytes, readString } from '../codec/read.ts';
import { concatBytes } from '../codec/bytes-portable.ts';
import { CHAIN_ID_MAX_LENGTH } from '../crypto/domain.ts';
import type { StateReader, StateWriter } from '../execution/state-access.ts';
import { TypedStore, type ValueCodec } from '../execution/typed-store.ts';
import { ANCHOR_STORE, ANCHOR_STORE_PREFIX, chainKey } from './anchor-keys.ts';
import { anchoredCertificateCodec, forkEvidenceCodec, regionRecordCodec, type AnchoredCertificate, type ForkEvidence, type RegionRecord } from './hub-records.ts';

export interface AnchorConfig {
  /** The only account that may register regions (`anchor.register`). */
  readonly registrar: Uint8Array;
  /** Registered chain ids, in registration order. */
  readonly regions: readonly string[];
}

export const anchorConfigCodec: ValueCodec<AnchorConfig> = {
  encode: (c) => encodeCbor([c.registrar, [...c.regions]]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'anchorConfig', 2);
    return Object.freeze({
      registrar: readBytes(a[0], 'anchorConfig.registrar', 20),
      regions: Object.freeze(readArray(a[1], 'anchorConfig.regions').map((v, i) => readString(v, `anchorConfig.regions[${i}]`, CHAIN_ID_MAX_LENGTH))),
    });
  },
};

const CONFIG = new TypedStore(ANCHOR_STORE_PREFIX, ANCHOR_STORE.config, anchorConfigCodec);
const REGIONS = new TypedStore(ANCHOR_STORE_PREFIX, ANCHOR_STORE.region, regionRecordCodec);
const CERTIFICATES = new TypedStore(ANCHOR_STORE_PREFIX, ANCHOR_STORE.certificate, anchoredCertificateCodec);
const FORKS = new TypedStore(ANCHOR_STORE_PREFIX, ANCHOR_STORE.fork, forkEvidenceCodec);

const NO_KEY = new Uint8Array(0);

function heightKey(chainId: string, height: number): Uint8Array {
  const h = new Uint8Array(8);
  new DataView(h.buffer).setBigUint64(0, BigInt(height));
  return concatBytes(chainKey(chainId), h);
}

/** The full state keys (for proofs and tests); equal to anchorKeys.*. */
export const anchorStateKeys = {
  config: (): Uint8Array => CONFIG.key(NO_KEY),
  region: (chainId: string): Uint8Array => REGIONS.key(chainKey(chainId)),
  certificate: (chainId: string, height: number): Uint8Array => CERTIFICATES.key(heightKey(chainId, height)),
  fork: (chainId: string, height: number): Uint8Array => FORKS.key(heightKey(chainId, height)),
};

export async function getAnchorConfig(state: StateReader): Promise<AnchorConfig | undefined> {
  return CONFIG.get(state, NO_KEY);
}

export function putAnchorConfig(state: StateWriter, config: AnchorConfig): void {
  CONFIG.set(state, NO_KEY, config);
}

export async function getRegion(state: StateReader, chainId: string): Promise<RegionRecord | undefined> {
  return REGIONS.get(state, chainKey(chainId));
}

export function putRegion(state: StateWriter, region: RegionRecord): void {
  REGIONS.set(state, chainKey(region.chainId), region);
}

/** Every registered region, in registration order. */
export async function listRegions(state: StateReader): Promise<RegionRecord[]> {
  const config = await getAnchorConfig(state);
  const out: RegionRecord[] = [];
  for (const chainId of config?.regions ?? []) {
    const r = await getRegion(state, chainId);
    if (r !== undefined) out.push(r);
  }
  return out;
}

export async function getAnchoredCertificate(state: StateReader, chainId: string, height: number): Promise<AnchoredCertificate | undefined> {
  return CERTIFICATES.get(state, heightKey(chainId, height));
}

export function putAnchoredCertificate(state: StateWriter, chainId: string, certificate: AnchoredCertificate): void {
  CERTIFICATES.set(state, heightKey(chainId, certificate.height), certificate);
}

export async function getForkEvidence(state: StateReader, chainId: string, height: number): Promise<ForkEvidence | undefined> {
  return FORKS.get(state, heightKey(chainId, height));
}

export function putForkEvidence(state: StateWriter, chainId: string, height: number, evidence: ForkEvidence): void {
  FORKS.set(state, heightKey(chainId, height), evidence);
}

const ZERO_HASH = new Uint8Array(32);

/**
 * Records a new region with its checked set (genesis or `anchor.register`) and appends it to the
 * config's list. The caller has checked that the chain id is free and every proof of possession.
 */
export async function addRegion(state: StateWriter, chainId: string, set: { readonly validators: RegionRecord['validators']; readonly threshold: number }, height: number): Promise<RegionRecord> {
  const config = await getAnchorConfig(state);
  if (config === undefined) throw new Error('the anchor module has no config: its genesis section was not applied');
  const region: RegionRecord = {
    chainId,
    validators: set.validators,
    threshold: set.threshold,
    lastHeight: 0,
    lastBlockHash: ZERO_HASH,
    lastStateRoot: ZERO_HASH,
    lastHubHeight: 0,
    frozen: false,
    registeredHeight: height,
  };
  putRegion(state, region);
  putAnchorConfig(state, { registrar: config.registrar, regions: [...config.regions, chainId] });
  return region;
}
