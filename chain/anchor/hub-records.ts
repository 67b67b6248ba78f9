/**
 * What the Hub's "anchor" module stores per region (keys in anchor-keys.ts). The region record's
 * bytes are what a region proves to learn its anchored height (the Hub's receipt), so the codecs
 * are canonical and portable.
 */
import { decodeStoredCbor, encodeCbor } from '../codec/cbor.ts';
import { readArray, readBool, readBytes, readString, readUint } from '../codec/read.ts';
import { CHAIN_ID_MAX_LENGTH } from '../crypto/domain.ts';
import type { ValueCodec } from '../execution/typed-store.ts';
import type { AnchorValidator } from './anchor-set.ts';
import { aggregateToCbor, readAggregate, type AggregateCertificate } from './certificate.ts';

export interface RegionRecord {
  readonly chainId: string;
  /** The certificate validator set now registered (sorted; see anchor-set.ts) and its threshold. */
  readonly validators: readonly AnchorValidator[];
  readonly threshold: number;
  /** 0 until the first certificate is accepted. */
  readonly lastHeight: number;
  /** Of the last accepted certificate (32 zero bytes before the first). */
  readonly lastBlockHash: Uint8Array;
  readonly lastStateRoot: Uint8Array;
  /** Hub height that accepted the last certificate (0 before the first). */
  readonly lastHubHeight: number;
  /** True once fork evidence is recorded: the region's bridge then refuses everything. */
  readonly frozen: boolean;
  readonly registeredHeight: number;
}

export const regionRecordCodec: ValueCodec<RegionRecord> = {
  encode: (r) =>
    encodeCbor([r.chainId, r.validators.map((v) => [v.blsPublicKey, v.weight]), r.threshold, r.lastHeight, r.lastBlockHash, r.lastStateRoot, r.lastHubHeight, r.frozen, r.registeredHeight]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'region', 9);
    return Object.freeze({
      chainId: readString(a[0], 'region.chainId', CHAIN_ID_MAX_LENGTH),
      validators: Object.freeze(readArray(a[1], 'region.validators').map((v, i) => {
        const e = readArray(v, `region.validators[${i}]`, 2);
        return Object.freeze({ blsPublicKey: readBytes(e[0], `region.validators[${i}].blsPublicKey`, 48), weight: readUint(e[1], `region.validators[${i}].weight`) });
      })),
      threshold: readUint(a[2], 'region.threshold'),
      lastHeight: readUint(a[3], 'region.lastHeight'),
      lastBlockHash: readBytes(a[4], 'region.lastBlockHash', 32),
      lastStateRoot: readBytes(a[5], 'region.lastStateRoot', 32),
      lastHubHeight: readUint(a[6], 'region.lastHubHeight'),
      frozen: readBool(a[7], 'region.frozen'),
      registeredHeight: readUint(a[8], 'region.registeredHeight'),
    });
  },
};

/** An accepted certificate of one height: what withdrawals are proven against. */
export interface AnchoredCertificate {
  readonly height: number;
  readonly blockHash: Uint8Array;
  readonly stateRoot: Uint8Array;
  readonly validatorsHash: Uint8Array;
  readonly hubHeight: number;
}

export const anchoredCertificateCodec: ValueCodec<AnchoredCertificate> = {
  encode: (c) => encodeCbor([c.height, c.blockHash, c.stateRoot, c.validatorsHash, c.hubHeight]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'anchored', 5);
    return Object.freeze({
      height: readUint(a[0], 'anchored.height'),
      blockHash: readBytes(a[1], 'anchored.blockHash', 32),
      stateRoot: readBytes(a[2], 'anchored.stateRoot', 32),
      validatorsHash: readBytes(a[3], 'anchored.validatorsHash', 32),
      hubHeight: readUint(a[4], 'anchored.hubHeight'),
    });
  },
};

/** Two valid certificates for one height with different blocks: the one accepted and the conflicting one. */
export interface ForkEvidence {
  readonly accepted: AnchoredCertificate;
  readonly conflicting: AggregateCertificate;
  readonly hubHeight: number;
}

export const forkEvidenceCodec: ValueCodec<ForkEvidence> = {
  encode: (f) => encodeCbor([decodeStoredCbor(anchoredCertificateCodec.encode(f.accepted)), aggregateToCbor(f.conflicting), f.hubHeight]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'fork', 3);
    return Object.freeze({
      accepted: anchoredCertificateCodec.decode(encodeCbor(a[0]!)),
      conflicting: readAggregate(a[1], 'fork.conflicting'),
      hubHeight: readUint(a[2], 'fork.hubHeight'),
    });
  },
};

/** What a region records from the Hub's receipt: its newest anchored certificate. */
export interface AnchorReceipt {
  readonly height: number;
  readonly blockHash: Uint8Array;
  readonly stateRoot: Uint8Array;
  /** Hub height that accepted it, and the Hub height whose header proved it. */
  readonly hubHeight: number;
  readonly provenAtHubHeight: number;
}

export const anchorReceiptCodec: ValueCodec<AnchorReceipt> = {
  encode: (r) => encodeCbor([r.height, r.blockHash, r.stateRoot, r.hubHeight, r.provenAtHubHeight]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'receipt', 5);
    return Object.freeze({
      height: readUint(a[0], 'receipt.height'),
      blockHash: readBytes(a[1], 'receipt.blockHash', 32),
      stateRoot: readBytes(a[2], 'receipt.stateRoot', 32),
      hubHeight: readUint(a[3], 'receipt.hubHeight'),
      provenAtHubHeight: readUint(a[4], 'receipt.provenAtHubHeight'),
    });
  },
};
