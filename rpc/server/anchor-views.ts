/** Anchoring and bridge records as JSON views (anchor-schemas.ts): bytes as hex, amounts as decimal strings. */
import { formatBaseUnits } from '../../chain/amount.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import type { AnchorSet } from '../../chain/anchor/anchor-set.ts';
import { encodeAggregate, type AggregateCertificate } from '../../chain/anchor/certificate.ts';
import type { AnchoredCertificate, AnchorReceipt, ForkEvidence, RegionRecord } from '../../chain/anchor/hub-records.ts';
import { anchorSetHash } from '../../chain/anchor/anchor-set.ts';
import type { ClaimRecord, TransferRecord } from '../../chain/anchor/bridge-records.ts';
import { signerIndices } from '../../chain/anchor/signer-bitmap.ts';
import type { AnchoredView, CertificateView, ClaimView, ForkView, ReceiptView, RegionView, TransferRecordView } from '../api/anchor-schemas.ts';

/** Signers of an aggregate over `set` and their weight; a bitmap the set cannot read counts none. */
export function signerWeight(set: AnchorSet | undefined, signers: Uint8Array): { count: number; weight: number } {
  if (set === undefined) return { count: 0, weight: 0 };
  try {
    const indices = signerIndices(set.validators.length, signers);
    return { count: indices.length, weight: indices.reduce((w, i) => w + set.validators[i]!.weight, 0) };
  } catch {
    return { count: 0, weight: 0 };
  }
}

export function certificateView(a: AggregateCertificate, set: AnchorSet | undefined): CertificateView {
  const c = a.certificate;
  const { count, weight } = signerWeight(set, a.signers);
  return {
    chainId: c.chainId,
    height: c.height,
    blockHash: toHex(c.blockHash),
    stateRoot: toHex(c.stateRoot),
    validatorsHash: toHex(c.validatorsHash),
    signers: toHex(a.signers),
    signature: toHex(a.signature),
    signerCount: count,
    signedWeight: weight,
    threshold: set?.threshold ?? 0,
    aggregate: toHex(encodeAggregate(a)),
  };
}

export function receiptView(r: AnchorReceipt): ReceiptView {
  return { height: r.height, blockHash: toHex(r.blockHash), stateRoot: toHex(r.stateRoot), hubHeight: r.hubHeight, provenAtHubHeight: r.provenAtHubHeight };
}

export function anchoredView(c: AnchoredCertificate): AnchoredView {
  return { height: c.height, blockHash: toHex(c.blockHash), stateRoot: toHex(c.stateRoot), validatorsHash: toHex(c.validatorsHash), hubHeight: c.hubHeight };
}

export function forkView(f: ForkEvidence): ForkView {
  return { height: f.accepted.height, acceptedBlockHash: toHex(f.accepted.blockHash), conflictingBlockHash: toHex(f.conflicting.certificate.blockHash), hubHeight: f.hubHeight };
}

export function regionView(r: RegionRecord, certificates: readonly AnchoredCertificate[], forks: readonly ForkEvidence[]): RegionView {
  return {
    chainId: r.chainId,
    registeredHeight: r.registeredHeight,
    lastHeight: r.lastHeight,
    lastBlockHash: toHex(r.lastBlockHash),
    lastStateRoot: toHex(r.lastStateRoot),
    lastHubHeight: r.lastHubHeight,
    frozen: r.frozen,
    threshold: r.threshold,
    validators: r.validators.length,
    totalWeight: r.validators.reduce((w, v) => w + v.weight, 0),
    validatorsHash: toHex(anchorSetHash(r.validators, r.threshold)),
    certificates: certificates.map(anchoredView),
    forks: forks.map(forkView),
  };
}

export function transferRecordView(r: TransferRecord, key: Uint8Array, bytes: Uint8Array): TransferRecordView {
  return {
    source: r.source,
    destination: r.destination,
    sender: toHex(r.sender),
    recipient: toHex(r.recipient),
    amount: formatBaseUnits(r.amount),
    height: r.height,
    key: toHex(key),
    record: toHex(bytes),
  };
}

export function claimView(c: ClaimRecord): ClaimView {
  return { recipient: toHex(c.recipient), amount: formatBaseUnits(c.amount), height: c.height };
}
