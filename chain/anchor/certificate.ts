/**
 * A regional certificate: what the region's validators BLS-sign every `anchorInterval` blocks and
 * the Hub checks. `blockHash` and `stateRoot` come from the header of block `height` (so
 * `stateRoot` is the state after block height - 1, as in every header); `validatorsHash` is the
 * hash of the region's certificate validator set (anchor-set.ts), not the header's validatorsHash.
 *
 *   signed bytes = signingBytes("certificate", chainId, cbor([height, blockHash, stateRoot, validatorsHash]))
 *
 * An aggregate carries the signer bitmap (over the sorted certificate set) and one 96-byte BLS
 * signature. Portable (no node:*): the SDK and an offline checker read certificates too.
 */
import { encodeCbor, decodeCbor, type CborValue } from '../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { isValidChainId, signingBytes, SIGNING_PURPOSE, CHAIN_ID_MAX_LENGTH } from '../crypto/domain.ts';
import { ChainError, isChainError } from '../errors.ts';
import { BLS_SIGNATURE_BYTES } from '../crypto/bls.ts';

export const HASH_BYTES = 32;

export interface Certificate {
  readonly chainId: string;
  readonly height: number;
  readonly blockHash: Uint8Array;
  readonly stateRoot: Uint8Array;
  readonly validatorsHash: Uint8Array;
}

export interface AggregateCertificate {
  readonly certificate: Certificate;
  /** ceil(n/8) bytes over the sorted certificate set; bit i (most significant first) = validator i signed. */
  readonly signers: Uint8Array;
  /** Aggregate BLS signature, 96 bytes. */
  readonly signature: Uint8Array;
}

/** The bytes every validator BLS-signs for this certificate. */
export function certificateSignBytes(c: Certificate): Uint8Array {
  return signingBytes(SIGNING_PURPOSE.certificate, c.chainId, encodeCbor([c.height, c.blockHash, c.stateRoot, c.validatorsHash]));
}

export function certificateToCbor(c: Certificate): CborValue {
  return [c.chainId, c.height, c.blockHash, c.stateRoot, c.validatorsHash];
}

export function readCertificate(v: CborValue | undefined, path: string): Certificate {
  const a = readArray(v, path, 5);
  const chainId = readString(a[0], `${path}.chainId`, CHAIN_ID_MAX_LENGTH);
  if (!isValidChainId(chainId)) throw new ChainError('ANCHOR_BAD_CERTIFICATE', `${path}.chainId: not a valid chain id`, { field: `${path}.chainId` });
  const height = readUint(a[1], `${path}.height`);
  if (height < 1) throw new ChainError('ANCHOR_BAD_CERTIFICATE', `${path}.height: must be at least 1`, { field: `${path}.height` });
  return Object.freeze({
    chainId,
    height,
    blockHash: readBytes(a[2], `${path}.blockHash`, HASH_BYTES),
    stateRoot: readBytes(a[3], `${path}.stateRoot`, HASH_BYTES),
    validatorsHash: readBytes(a[4], `${path}.validatorsHash`, HASH_BYTES),
  });
}

export function aggregateToCbor(a: AggregateCertificate): CborValue {
  return [certificateToCbor(a.certificate), a.signers, a.signature];
}

export function readAggregate(v: CborValue | undefined, path: string): AggregateCertificate {
  const a = readArray(v, path, 3);
  return Object.freeze({
    certificate: readCertificate(a[0], `${path}.certificate`),
    signers: readBytes(a[1], `${path}.signers`),
    signature: readBytes(a[2], `${path}.signature`, BLS_SIGNATURE_BYTES),
  });
}

export function encodeAggregate(a: AggregateCertificate): Uint8Array {
  return encodeCbor(aggregateToCbor(a));
}

/** Strict: canonical CBOR only; any defect is ANCHOR_BAD_CERTIFICATE. */
export function decodeAggregate(bytes: Uint8Array): AggregateCertificate {
  try {
    return readAggregate(decodeCbor(bytes), 'certificate');
  } catch (e) {
    if (isChainError(e) && e.code === 'ANCHOR_BAD_CERTIFICATE') throw e;
    throw new ChainError('ANCHOR_BAD_CERTIFICATE', `malformed certificate: ${e instanceof Error ? e.message : String(e)}`);
  }
}
