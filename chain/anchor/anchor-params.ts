/**
 * Params of the anchoring and bridge commands, as canonical CBOR arrays. One file, portable, so
 * the modules (decode), the SDK, the CLI and the relayer (encode) cannot disagree.
 *
 * Hub   anchor.register  [chainId, [[blsPublicKey, blsPop, weight], ...], threshold]   (registrar only)
 * Hub   anchor.submit    [aggregate, update | null]   update = [[[blsPublicKey, blsPop, weight], ...], threshold]
 * Hub   bridge.deposit   [regionChainId, recipient(20), amount]            lock TFT for a region
 * Hub   bridge.release   [regionChainId, anchoredHeight, transferRecordBytes, proofBytes]
 * Region bridge.withdraw [recipient(20, a Hub address), amount]            burn TFT for the Hub
 * Region bridge.claim    [transferRecordBytes, hubProof]                  mint a Hub deposit
 * Region bridge.receipt  [regionRecordBytes, hubProof]                    record the Hub's receipt
 *
 * hubProof = [headerBytes, commitBytes, proofBytes]: a Hub block header (block codec), the commit
 * that decided it (+2/3 precommits), and the Merkle proof (chain/state/proof-codec.ts) of the
 * record's key and exact bytes against that header's stateRoot.
 */
import type BN from 'bn.js';
import { amountToBytes, readAmount } from '../amount.ts';
import type { CborValue } from '../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { BLS_PUBLIC_KEY_BYTES, BLS_SIGNATURE_BYTES } from '../crypto/bls.ts';
import { CHAIN_ID_MAX_LENGTH, isValidChainId } from '../crypto/domain.ts';
import { ChainError } from '../errors.ts';
import { aggregateToCbor, readAggregate, type AggregateCertificate } from './certificate.ts';
import { MAX_ANCHOR_VALIDATORS } from './anchor-set.ts';

/** Record and proof bytes are small; bounds keep a hostile tx from allocating much. */
const MAX_RECORD_BYTES = 64 * 1024;
const MAX_PROOF_BYTES = 64 * 1024;

export interface RegisteringValidator {
  readonly blsPublicKey: Uint8Array;
  readonly blsPop: Uint8Array;
  readonly weight: number;
}

export interface ValidatorSetUpdate {
  readonly validators: readonly RegisteringValidator[];
  readonly threshold: number;
}

export interface RegisterParams extends ValidatorSetUpdate {
  readonly chainId: string;
}

export interface SubmitParams {
  readonly aggregate: AggregateCertificate;
  readonly update: ValidatorSetUpdate | null;
}

export interface DepositParams {
  readonly region: string;
  readonly recipient: Uint8Array;
  readonly amount: BN;
}

export interface ReleaseParams {
  readonly region: string;
  readonly anchoredHeight: number;
  readonly record: Uint8Array;
  readonly proof: Uint8Array;
}

export interface WithdrawParams {
  readonly recipient: Uint8Array;
  readonly amount: BN;
}

export interface HubProof {
  readonly header: Uint8Array;
  readonly commit: Uint8Array;
  readonly proof: Uint8Array;
}

export interface ClaimParams {
  readonly record: Uint8Array;
  readonly hubProof: HubProof;
}

export interface ReceiptParams {
  readonly record: Uint8Array;
  readonly hubProof: HubProof;
}

function validatorsToCbor(vs: readonly RegisteringValidator[]): CborValue {
  return vs.map((v) => [v.blsPublicKey, v.blsPop, v.weight]);
}

function readValidators(v: CborValue | undefined, path: string): RegisteringValidator[] {
  const list = readArray(v, path);
  if (list.length > MAX_ANCHOR_VALIDATORS) readArray(v, path, MAX_ANCHOR_VALIDATORS);
  return list.map((x, i) => {
    const e = readArray(x, `${path}[${i}]`, 3);
    return { blsPublicKey: readBytes(e[0], `${path}[${i}].blsPublicKey`, BLS_PUBLIC_KEY_BYTES), blsPop: readBytes(e[1], `${path}[${i}].blsPop`, BLS_SIGNATURE_BYTES), weight: readUint(e[2], `${path}[${i}].weight`) };
  });
}

function readUpdate(v: CborValue | undefined, path: string): ValidatorSetUpdate {
  const a = readArray(v, path, 2);
  return { validators: readValidators(a[0], `${path}.validators`), threshold: readUint(a[1], `${path}.threshold`) };
}

function readBounded(v: CborValue | undefined, path: string, max: number): Uint8Array {
  const b = readBytes(v, path);
  if (b.length > max) readBytes(v, path, max);
  return b;
}

/**
 * A chain id as the keys need it: 1..64 printable ASCII characters. `chainKey` writes one byte per
 * character, so a non-ASCII id could alias a registered one; it is refused at decoding.
 */
function readChainId(v: CborValue | undefined, path: string): string {
  const s = readString(v, path, CHAIN_ID_MAX_LENGTH);
  if (!isValidChainId(s)) throw new ChainError('CODEC_WRONG_TYPE', `${path}: expected a chain id (1..${CHAIN_ID_MAX_LENGTH} printable ASCII characters)`, { field: path });
  return s;
}

function hubProofToCbor(p: HubProof): CborValue {
  return [p.header, p.commit, p.proof];
}

function readHubProof(v: CborValue | undefined, path: string): HubProof {
  const a = readArray(v, path, 3);
  return { header: readBounded(a[0], `${path}.header`, MAX_RECORD_BYTES), commit: readBounded(a[1], `${path}.commit`, MAX_RECORD_BYTES), proof: readBounded(a[2], `${path}.proof`, MAX_PROOF_BYTES) };
}

export const registerParams = {
  encode: (p: RegisterParams): CborValue => [p.chainId, validatorsToCbor(p.validators), p.threshold],
  decode: (v: CborValue): RegisterParams => {
    const a = readArray(v, 'params', 3);
    return { chainId: readChainId(a[0], 'params.chainId'), validators: readValidators(a[1], 'params.validators'), threshold: readUint(a[2], 'params.threshold') };
  },
};

export const submitParams = {
  encode: (p: SubmitParams): CborValue => [aggregateToCbor(p.aggregate), p.update === null ? null : [validatorsToCbor(p.update.validators), p.update.threshold]],
  decode: (v: CborValue): SubmitParams => {
    const a = readArray(v, 'params', 2);
    return { aggregate: readAggregate(a[0], 'params.aggregate'), update: a[1] === null ? null : readUpdate(a[1], 'params.update') };
  },
};

export const depositParams = {
  encode: (p: DepositParams): CborValue => [p.region, p.recipient, amountToBytes(p.amount)],
  decode: (v: CborValue): DepositParams => {
    const a = readArray(v, 'params', 3);
    return { region: readChainId(a[0], 'params.region'), recipient: readBytes(a[1], 'params.recipient', 20), amount: readAmount(a[2], 'params.amount') };
  },
};

export const releaseParams = {
  encode: (p: ReleaseParams): CborValue => [p.region, p.anchoredHeight, p.record, p.proof],
  decode: (v: CborValue): ReleaseParams => {
    const a = readArray(v, 'params', 4);
    return { region: readChainId(a[0], 'params.region'), anchoredHeight: readUint(a[1], 'params.anchoredHeight'), record: readBounded(a[2], 'params.record', MAX_RECORD_BYTES), proof: readBounded(a[3], 'params.proof', MAX_PROOF_BYTES) };
  },
};

export const withdrawParams = {
  encode: (p: WithdrawParams): CborValue => [p.recipient, amountToBytes(p.amount)],
  decode: (v: CborValue): WithdrawParams => {
    const a = readArray(v, 'params', 2);
    return { recipient: readBytes(a[0], 'params.recipient', 20), amount: readAmount(a[1], 'params.amount') };
  },
};

export const claimParams = {
  encode: (p: ClaimParams): CborValue => [p.record, hubProofToCbor(p.hubProof)],
  decode: (v: CborValue): ClaimParams => {
    const a = readArray(v, 'params', 2);
    return { record: readBounded(a[0], 'params.record', MAX_RECORD_BYTES), hubProof: readHubProof(a[1], 'params.hubProof') };
  },
};

/** Same shape as a claim: the record proven is the Hub's RegionRecord of this region. */
export const receiptParams = claimParams;
