/**
 * Typed access to the bridge module's state (store prefix 0x11, keys in anchor-keys.ts) on both
 * chains, and the Hub anchor records the Hub's bridge reads (prefix 0x10, read-only here).
 *
 *   0x11 0x00  next transfer sequence         cbor(uint), absent = 0
 *   0x11 0x01  TransferRecord by id           bridge-records.ts
 *   0x11 0x02  ClaimRecord by id              bridge-records.ts
 *   0x11 0x03  region: AnchorReceipt          hub-records.ts
 *   0x11 0x04  region: HubConfig              cbor([hubChainId, [[publicKey, blsPublicKey, power], ...]])
 *   0x11 0x05  region: frozen                 cbor(hubHeight whose RegionRecord said frozen)
 */
import { BoundedCache } from '../bounded-cache.ts';
import type BN from 'bn.js';
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { decodeStoredCbor, encodeCbor } from '../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { CHAIN_ID_MAX_LENGTH } from '../crypto/domain.ts';
import { ChainError } from '../errors.ts';
import type { StateReader, StateWriter } from '../execution/state-access.ts';
import { TypedStore, type ValueCodec } from '../execution/typed-store.ts';
import { getAccount } from '../ledger/ledger-state.ts';
import { moduleAccountAddress } from '../ledger/module-accounts.ts';
import { anchorKeys, BRIDGE_STORE, BRIDGE_STORE_PREFIX } from './anchor-keys.ts';
import { claimRecordCodec, transferId, transferRecordCodec, type ClaimRecord, type TransferRecord } from './bridge-records.ts';
import { anchoredCertificateCodec, anchorReceiptCodec, regionRecordCodec, type AnchoredCertificate, type AnchorReceipt, type RegionRecord } from './hub-records.ts';
import type { HubConfig } from './hub-proof.ts';

export const BRIDGE_MODULE = 'bridge';
export const BRIDGE_COMMANDS = { deposit: 'deposit', release: 'release', withdraw: 'withdraw', claim: 'claim', receipt: 'receipt' } as const;

/** Decoded configs by their bytes: every claim reads the same config of up to 100 validators. */
const decodedConfigs = new BoundedCache<string, HubConfig>(64);

export const hubConfigCodec: ValueCodec<HubConfig> = {
  encode: (c) => encodeCbor([c.chainId, c.validators.map((v) => [v.publicKey, v.blsPublicKey, v.power])]),
  decode: (bytes) => {
    const hex = toHex(bytes);
    const known = decodedConfigs.get(hex);
    if (known !== undefined) return known;
    const a = readArray(decodeStoredCbor(bytes), 'hubConfig', 2);
    const config: HubConfig = Object.freeze({
      chainId: readString(a[0], 'hubConfig.chainId', CHAIN_ID_MAX_LENGTH),
      validators: Object.freeze(
        readArray(a[1], 'hubConfig.validators').map((v, i) => {
          const e = readArray(v, `hubConfig.validators[${i}]`, 3);
          return Object.freeze({ publicKey: readBytes(e[0], 'publicKey', 32), blsPublicKey: readBytes(e[1], 'blsPublicKey', 48), power: readUint(e[2], 'power') });
        }),
      ),
    });
    decodedConfigs.set(hex, config);
    return config;
  },
};

const uintCodec: ValueCodec<number> = {
  encode: (n) => encodeCbor(n),
  decode: (bytes) => readUint(decodeStoredCbor(bytes), 'bridge.uint'),
};

const NO_KEY = new Uint8Array(0);
const SEQUENCE = new TypedStore(BRIDGE_STORE_PREFIX, BRIDGE_STORE.sequence, uintCodec);
const TRANSFERS = new TypedStore(BRIDGE_STORE_PREFIX, BRIDGE_STORE.transfer, transferRecordCodec);
const CLAIMS = new TypedStore(BRIDGE_STORE_PREFIX, BRIDGE_STORE.claim, claimRecordCodec);
const RECEIPT = new TypedStore(BRIDGE_STORE_PREFIX, BRIDGE_STORE.receipt, anchorReceiptCodec);
const CONFIG = new TypedStore(BRIDGE_STORE_PREFIX, BRIDGE_STORE.config, hubConfigCodec);
const FROZEN = new TypedStore(BRIDGE_STORE_PREFIX, BRIDGE_STORE.frozen, uintCodec);

/** The Hub's escrow for one region: deposits for the region lock here, releases pay from here. */
export function escrowAddress(regionChainId: string): Uint8Array {
  return moduleAccountAddress(`bridge/${regionChainId}`);
}

// ---- both chains ----

/** BRIDGE_BAD_AMOUNT for zero (readAmount already bounds it by 2^128 - 1). */
export function requirePositive(amount: BN): BN {
  if (amount.isZero()) throw new ChainError('BRIDGE_BAD_AMOUNT', 'a bridge amount must be at least 1 base unit');
  return amount;
}

/** LEDGER_INSUFFICIENT_BALANCE unless `address` holds `amount` TFT (the ledger's own check, made in verify). */
export async function requireBalance(state: StateReader, address: Uint8Array, amount: BN): Promise<void> {
  const balance = (await getAccount(state, address)).balances.TFT;
  if (balance.lt(amount)) {
    throw new ChainError('LEDGER_INSUFFICIENT_BALANCE', `balance of TFT is ${balance.toString()}, ${amount.toString()} needed`, { asset: 'TFT', balance: balance.toString(), needed: amount.toString() });
  }
}

/**
 * A record carried in a tx, proven later exactly as the source stored it: only its canonical
 * encoding is accepted (decode -> encode gives the same bytes), so one record has one encoding.
 * A defect is a CODEC_ error: the tx is malformed.
 */
function strictDecode<T>(codec: ValueCodec<T>, bytes: Uint8Array, what: string): T {
  const value = codec.decode(bytes);
  if (!bytesEqual(codec.encode(value), bytes)) throw new ChainError('CODEC_NON_CANONICAL', `${what}: not the canonical encoding`);
  return value;
}

export function decodeTransferRecord(bytes: Uint8Array): TransferRecord {
  return strictDecode(transferRecordCodec, bytes, 'transfer record');
}

export function decodeRegionRecord(bytes: Uint8Array): RegionRecord {
  return strictDecode(regionRecordCodec, bytes, 'region record');
}

/** The sequence the next transfer this chain sends gets (from 0). */
async function nextSequence(state: StateReader): Promise<number> {
  return (await SEQUENCE.get(state, NO_KEY)) ?? 0;
}

function putNextSequence(state: StateWriter, sequence: number): void {
  SEQUENCE.set(state, NO_KEY, sequence);
}

export async function getTransfer(state: StateReader, id: Uint8Array): Promise<TransferRecord | undefined> {
  return TRANSFERS.get(state, id);
}

function putTransfer(state: StateWriter, record: TransferRecord): void {
  TRANSFERS.set(state, record.id, record);
}

/**
 * Records a transfer this chain sends (a Hub deposit, a region withdrawal) under the next sequence
 * number and moves the sequence on; the caller has already moved the TFT (escrow or burn).
 */
export async function recordOutgoingTransfer(
  state: StateWriter,
  at: { readonly chainId: string; readonly height: number },
  t: { readonly destination: string; readonly sender: Uint8Array; readonly recipient: Uint8Array; readonly amount: BN },
): Promise<{ readonly record: TransferRecord; readonly sequence: number }> {
  const sequence = await nextSequence(state);
  const record: TransferRecord = { id: transferId(at.chainId, t.destination, sequence), source: at.chainId, ...t, height: at.height };
  putTransfer(state, record);
  putNextSequence(state, sequence + 1);
  return { record, sequence };
}

export async function getClaim(state: StateReader, id: Uint8Array): Promise<ClaimRecord | undefined> {
  return CLAIMS.get(state, id);
}

export function putClaim(state: StateWriter, id: Uint8Array, claim: ClaimRecord): void {
  CLAIMS.set(state, id, claim);
}

// ---- region ----

export async function readHubConfig(state: StateReader): Promise<HubConfig | undefined> {
  return CONFIG.get(state, NO_KEY);
}

/** The Hub config, or BRIDGE_NOT_CONFIGURED (a region genesis without a "hub" section). */
export async function requireHubConfig(state: StateReader): Promise<HubConfig> {
  const c = await CONFIG.get(state, NO_KEY);
  if (c === undefined) throw new ChainError('BRIDGE_NOT_CONFIGURED', 'this chain has no bridge to a Hub (its genesis has no "hub" section)');
  return c;
}

export function putHubConfig(state: StateWriter, config: HubConfig): void {
  CONFIG.set(state, NO_KEY, config);
}

export async function getReceipt(state: StateReader): Promise<AnchorReceipt | undefined> {
  return RECEIPT.get(state, NO_KEY);
}

export function putReceipt(state: StateWriter, receipt: AnchorReceipt): void {
  RECEIPT.set(state, NO_KEY, receipt);
}

/** The Hub height whose region record proved this region's bridge frozen, or undefined. */
export async function frozenAt(state: StateReader): Promise<number | undefined> {
  return FROZEN.get(state, NO_KEY);
}

export function putFrozen(state: StateWriter, hubHeight: number): void {
  FROZEN.set(state, NO_KEY, hubHeight);
}

// ---- Hub: the anchor module's records (written by chain/anchor's anchor module) ----

export async function readRegion(state: StateReader, chainId: string): Promise<RegionRecord | undefined> {
  const raw = await state.get(anchorKeys.region(chainId));
  return raw === undefined ? undefined : regionRecordCodec.decode(raw);
}

/** The region's record, if it is registered and its bridge not frozen (ANCHOR_UNKNOWN_REGION, ANCHOR_BRIDGE_FROZEN). */
export async function requireOpenRegion(state: StateReader, chainId: string): Promise<RegionRecord> {
  const region = await readRegion(state, chainId);
  if (region === undefined) throw new ChainError('ANCHOR_UNKNOWN_REGION', `no region ${JSON.stringify(chainId)} is registered on this Hub`, { region: chainId });
  if (region.frozen) throw new ChainError('ANCHOR_BRIDGE_FROZEN', `the bridge of region ${JSON.stringify(chainId)} is frozen: the Hub holds fork evidence against it`, { region: chainId });
  return region;
}

export async function readAnchored(state: StateReader, chainId: string, height: number): Promise<AnchoredCertificate | undefined> {
  const raw = await state.get(anchorKeys.certificate(chainId, height));
  return raw === undefined ? undefined : anchoredCertificateCodec.decode(raw);
}
