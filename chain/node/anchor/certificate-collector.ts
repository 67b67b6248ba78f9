/**
 * The collector of a node process: certificate signatures in, aggregate certificates out.
 *
 * - The node tells it each certificate it committed (`noteCertificate`, any local node, idempotent)
 *   and its tip (`noteTip`). Only the node's own certificate of a height can form an aggregate:
 *   signatures of another certificate at that height (a peer on a fork, or lying) are kept, at
 *   most MAX_GROUPS_PER_HEIGHT certificates a height, only until the node knows its own.
 * - `add(certificate, signatures, trusted)`: signatures that are either the process's own
 *   (trusted: never verified) or already verified by AnchorSignatureChecks. A signer outside the
 *   set, or one already held for that certificate, is ignored.
 * - Once the signers' weight reaches the set's threshold, the aggregate is formed: signers
 *   ascending, bitmap (signer-bitmap.ts), one aggregate signature (blsAggregateSignatures). When
 *   any signature came from a peer, the aggregate is verified once (blsFastAggregateVerify, as the
 *   Hub will); if that fails, the peers' signatures are checked alone, the bad ones dropped, and
 *   the rest waits for more. The aggregate is stored (anchor-store.ts) and listeners hear of it.
 * - Bounded memory: only heights within `keepHeights` anchor intervals of the tip, either way, are
 *   collected; older ones are dropped as the tip moves. Late signatures for a formed certificate
 *   are dropped.
 */
import { blsAggregateSignatures, blsFastAggregateVerify, blsVerify } from '../../crypto/bls.ts';
import { bytesEqual } from '../../codec/bytes.ts';
import type { AnchorSet } from '../../anchor/anchor-set.ts';
import { certificateSignBytes, type AggregateCertificate, type Certificate } from '../../anchor/certificate.ts';
import { bitmapFromIndices } from '../../anchor/signer-bitmap.ts';
import type { Logger } from '../../ports/logger.ts';
import type { CertificateSignature } from './anchor-messages.ts';
import { certificateDigest } from './anchor-checks.ts';
import type { AnchorStore } from './anchor-store.ts';

/** Anchor heights collected on either side of the tip. */
export const ANCHOR_KEEP_HEIGHTS = 4;
/** Distinct certificates collected for one height before the node knows its own. */
export const MAX_GROUPS_PER_HEIGHT = 4;

export type AggregateListener = (a: AggregateCertificate) => void;

export interface CollectorOptions {
  readonly set: AnchorSet;
  readonly interval: number;
  readonly store: AnchorStore;
  readonly logger: Logger;
  readonly keepHeights?: number;
}

interface Group {
  readonly certificate: Certificate;
  readonly digest: string;
  /** signer -> signature */
  readonly signatures: Map<number, Uint8Array>;
  /** Signers whose signature the process made (never verified). */
  readonly trusted: Set<number>;
  weight: number;
}

interface HeightEntry {
  own: Certificate | undefined;
  readonly groups: Map<string, Group>;
}

export type AddOutcome = 'added' | 'formed' | 'ignored';

export class CertificateCollector {
  private readonly heights = new Map<number, HeightEntry>();
  private readonly listeners: AggregateListener[] = [];
  private readonly keep: number;
  private tip = 0;

  constructor(private readonly o: CollectorOptions) {
    this.keep = o.keepHeights ?? ANCHOR_KEEP_HEIGHTS;
  }

  get set(): AnchorSet {
    return this.o.set;
  }

  onAggregate(listener: AggregateListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  latest(limit: number): readonly AggregateCertificate[] {
    return this.o.store.latest(limit);
  }

  byHeight(height: number): AggregateCertificate | undefined {
    return this.o.store.byHeight(height);
  }

  isFormed(height: number): boolean {
    return this.o.store.byHeight(height) !== undefined;
  }

  /** Heights collected now: anchor heights within `keep` intervals of the tip. */
  inWindow(height: number): boolean {
    const span = this.keep * this.o.interval;
    return height % this.o.interval === 0 && height > this.tip - span && height <= this.tip + span;
  }

  /** Whether a peer's signature of `certificate` by `signer` would be used (for gossip's "ignore"). */
  wants(certificate: Certificate, signer: number): boolean {
    const h = certificate.height;
    if (!this.inWindow(h) || this.isFormed(h)) return false;
    const entry = this.heights.get(h);
    if (entry === undefined) return true;
    const digest = certificateDigest(certificate);
    if (entry.own !== undefined && digest !== certificateDigest(entry.own)) return false;
    const group = entry.groups.get(digest);
    if (group === undefined) return entry.groups.size < MAX_GROUPS_PER_HEIGHT;
    return !group.signatures.has(signer);
  }

  /**
   * Whether a peer's valid signature should travel on (gossip accepts and forwards it): one the
   * collector wants, or a late one for the certificate already formed (peers may still need it).
   */
  relays(certificate: Certificate, signer: number): boolean {
    const formed = this.o.store.byHeight(certificate.height);
    if (formed !== undefined) return this.inWindow(certificate.height) && sameCertificate(formed.certificate, certificate);
    return this.wants(certificate, signer);
  }

  /** The node's tip moved: heights far behind it are dropped. */
  noteTip(height: number): void {
    if (height <= this.tip) return;
    this.tip = height;
    for (const h of this.heights.keys()) if (!this.inWindow(h) && h <= height) this.heights.delete(h);
  }

  /** The node committed the block of this certificate: it is the one to aggregate at its height. */
  noteCertificate(c: Certificate): void {
    this.noteTip(c.height);
    if (!this.inWindow(c.height) || this.isFormed(c.height)) return;
    const entry = this.entry(c.height);
    if (entry.own !== undefined) return;
    entry.own = c;
    const digest = certificateDigest(c);
    for (const [d, g] of entry.groups) {
      if (d === digest) continue;
      this.o.logger.warn('signatures of another certificate at a height we committed were dropped', { height: c.height, signers: g.signatures.size });
      entry.groups.delete(d);
    }
    const own = entry.groups.get(digest);
    if (own !== undefined) this.tryForm(c.height, own);
  }

  /** Signatures of the process (trusted) or verified ones of peers. */
  add(certificate: Certificate, signatures: readonly CertificateSignature[], trusted: boolean): AddOutcome {
    const h = certificate.height;
    if (!this.inWindow(h) || this.isFormed(h)) return 'ignored';
    const digest = certificateDigest(certificate);
    const entry = this.entry(h);
    if (entry.own !== undefined && digest !== certificateDigest(entry.own)) return 'ignored';
    let group = entry.groups.get(digest);
    if (group === undefined) {
      if (entry.groups.size >= MAX_GROUPS_PER_HEIGHT) return 'ignored';
      group = { certificate, digest, signatures: new Map(), trusted: new Set(), weight: 0 };
      entry.groups.set(digest, group);
    }
    const validators = this.o.set.validators;
    let added = 0;
    for (const s of signatures) {
      const v = validators[s.signer];
      if (v === undefined || group.signatures.has(s.signer)) continue;
      group.signatures.set(s.signer, s.signature);
      if (trusted) group.trusted.add(s.signer);
      group.weight += v.weight;
      added++;
    }
    if (added === 0) return 'ignored';
    return entry.own !== undefined && this.tryForm(h, group) ? 'formed' : 'added';
  }

  private entry(height: number): HeightEntry {
    let e = this.heights.get(height);
    if (e === undefined) {
      e = { own: undefined, groups: new Map() };
      this.heights.set(height, e);
    }
    return e;
  }

  /** Forms the aggregate of the node's own certificate once its weight reaches the threshold. */
  private tryForm(height: number, group: Group): boolean {
    const set = this.o.set;
    if (group.weight < set.threshold) return false;
    const signers = [...group.signatures.keys()].sort((a, b) => a - b);
    const signature = blsAggregateSignatures(signers.map((i) => group.signatures.get(i)!));
    const message = certificateSignBytes(group.certificate);
    const allTrusted = signers.every((i) => group.trusted.has(i));
    if (!allTrusted && !blsFastAggregateVerify(signers.map((i) => set.validators[i]!.blsPublicKey), message, signature)) {
      // Verified batches can still hold signatures that only cancel out together: check each alone.
      let dropped = 0;
      for (const i of signers) {
        if (group.trusted.has(i) || blsVerify(set.validators[i]!.blsPublicKey, message, group.signatures.get(i)!)) continue;
        group.signatures.delete(i);
        group.weight -= set.validators[i]!.weight;
        dropped++;
      }
      this.o.logger.warn('an aggregate certificate failed to verify: dropped the signatures that fail alone', { height, dropped });
      return dropped > 0 && this.tryForm(height, group);
    }
    const aggregate: AggregateCertificate = Object.freeze({
      certificate: group.certificate,
      signers: bitmapFromIndices(set.validators.length, signers),
      signature,
    });
    this.heights.delete(height);
    void this.o.store.put(aggregate).catch((e: unknown) => this.o.logger.error('storing an aggregate certificate failed', { height, error: String(e) }));
    this.o.logger.info('aggregate certificate formed', { height, signers: signers.length, weight: group.weight, threshold: set.threshold });
    for (const l of this.listeners) l(aggregate);
    return true;
  }
}

/** Whether two certificates are the same (all five fields). */
export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return a.chainId === b.chainId && a.height === b.height && bytesEqual(a.blockHash, b.blockHash) && bytesEqual(a.stateRoot, b.stateRoot) && bytesEqual(a.validatorsHash, b.validatorsHash);
}
