/**
 * The anchoring message of consensus gossip: BLS signatures of one regional certificate, by the
 * validators one process runs (one for `tfr node --key`, a share of the genesis with
 * `tfr testnet --processes`). Signers are indices in the sorted certificate validator set
 * (chain/anchor/anchor-set.ts), strictly ascending, so one message names a signer once.
 *
 *   payload = cbor([certificate, [[signer, signature(96)], ...]])   (canonical; signers ascending)
 *
 * Decoding is strict (canonical CBOR, exact lengths, 1..MAX_ANCHOR_VALIDATORS signatures): any
 * defect throws a ChainError, which the wire codec reports as P2P_BAD_MESSAGE.
 */
import { decodeCbor, encodeCbor } from '../../codec/cbor.ts';
import { readArray, readBytes, readUint } from '../../codec/read.ts';
import { ChainError } from '../../errors.ts';
import { BLS_SIGNATURE_BYTES } from '../../crypto/bls.ts';
import { MAX_ANCHOR_VALIDATORS } from '../../anchor/anchor-set.ts';
import { certificateToCbor, readCertificate, type Certificate } from '../../anchor/certificate.ts';

export interface CertificateSignature {
  /** Index of the signer in the sorted certificate validator set. */
  readonly signer: number;
  /** BLS signature (96 bytes) of certificateSignBytes(certificate). */
  readonly signature: Uint8Array;
}

/** What a process sends: its validators' signatures of one certificate. */
export interface AnchorSignatures {
  readonly certificate: Certificate;
  readonly signatures: readonly CertificateSignature[];
}

/** Bytes of a message with `signers` signatures: the certificate (~130 bytes) and ~101 bytes a signature. */
export function maxAnchorPayloadBytes(signers: number): number {
  return 512 + 104 * Math.max(1, Math.min(signers, MAX_ANCHOR_VALIDATORS));
}

export function encodeAnchorSignatures(m: AnchorSignatures): Uint8Array {
  return encodeCbor([certificateToCbor(m.certificate), m.signatures.map((s) => [s.signer, s.signature])]);
}

/** Strict decoding into a frozen value; throws a ChainError (CODEC_ or ANCHOR_BAD_CERTIFICATE) on any defect. */
export function decodeAnchorSignatures(bytes: Uint8Array): AnchorSignatures {
  const a = readArray(decodeCbor(bytes), 'anchor-sigs', 2);
  const certificate = readCertificate(a[0], 'anchor-sigs.certificate');
  const list = readArray(a[1], 'anchor-sigs.signatures');
  if (list.length === 0 || list.length > MAX_ANCHOR_VALIDATORS) {
    throw new ChainError('CODEC_WRONG_TYPE', `anchor-sigs.signatures: 1..${MAX_ANCHOR_VALIDATORS} signatures, got ${list.length}`);
  }
  let last = -1;
  const signatures = list.map((v, i) => {
    const e = readArray(v, `anchor-sigs.signatures[${i}]`, 2);
    const signer = readUint(e[0], `anchor-sigs.signatures[${i}].signer`, MAX_ANCHOR_VALIDATORS - 1);
    if (signer <= last) throw new ChainError('CODEC_WRONG_TYPE', `anchor-sigs.signatures[${i}].signer: signers must be strictly ascending`);
    last = signer;
    return Object.freeze({ signer, signature: readBytes(e[1], `anchor-sigs.signatures[${i}].signature`, BLS_SIGNATURE_BYTES) });
  });
  return Object.freeze({ certificate, signatures: Object.freeze(signatures) });
}
