/**
 * Checks of peers' certificate signatures, once per process (shared by the libp2p gossip validator
 * and the collector, as SignedMessageChecks is for votes):
 *
 * - `shape(m)`: what needs no cryptography: our chain id, our certificate set's hash, a height that
 *   is a positive multiple of `anchorInterval`, every signer inside the set.
 * - `verify(m)`: every signature of the message is valid. The cheap thing first: signatures of one
 *   certificate that arrive within `batchMs` (from one message or several) are summed and checked
 *   with ONE fast-aggregate-verify (a pairing, ~22 ms, plus ~2 ms to decode each signature); only
 *   when that fails is each checked alone (blsVerify, ~21 ms each), so a forged signature costs its
 *   sender the rejection of its message and nobody else anything. A single verify of 99 signatures
 *   would take ~2 s; the batch ~250 ms.
 *
 * Valid (certificate, signer, signature) triples are remembered (bounded), and the verdict of a
 * frozen message object is kept with it, so the collector does not check again what the gossip
 * validator checked. A sum of signatures that verifies does not prove each term: two crafted
 * signatures can cancel out (s1 + d, s2 - d). That cannot produce a false aggregate (the collector
 * verifies every aggregate it forms and then drops what fails alone), only misattribute a
 * signature within one batch; see README.md.
 */
import { bytesEqual, toHex } from '../../codec/bytes.ts';
import { BoundedCache } from '../../bounded-cache.ts';
import { blsAggregateSignatures, blsFastAggregateVerify, blsVerify } from '../../crypto/bls.ts';
import { certificateSignBytes, type Certificate } from '../../anchor/certificate.ts';
import type { AnchorSet } from '../../anchor/anchor-set.ts';
import { sha256 } from '../../codec/hash.ts';
import type { Timers } from '../../ports/timers.ts';
import type { AnchorSignatures } from './anchor-messages.ts';

/** How long signatures of one certificate wait to be checked together. */
export const ANCHOR_BATCH_MS = 50;
/** Valid signatures remembered: a few heights of a 1,000-validator set. */
const VALID_REMEMBERED = 8_192;

export interface AnchorChecksOptions {
  readonly chainId: string;
  readonly set: AnchorSet;
  readonly interval: number;
  readonly timers: Timers;
  readonly batchMs?: number;
}

interface Pending {
  readonly signer: number;
  readonly signature: Uint8Array;
  readonly resolve: (valid: boolean) => void;
}

interface Batch {
  readonly certificate: Certificate;
  readonly items: Pending[];
}

/** Hex digest of a certificate's sign bytes: what groups and caches key on. */
export function certificateDigest(c: Certificate): string {
  return toHex(sha256(certificateSignBytes(c)));
}

export class AnchorSignatureChecks {
  private readonly batches = new Map<string, Batch>();
  private readonly valid = new BoundedCache<string, true>(VALID_REMEMBERED);
  private readonly verdicts = new WeakMap<AnchorSignatures, Promise<boolean>>();
  private readonly batchMs: number;
  /** Pairing checks run (aggregate and single), for tests and metrics. */
  readonly stats = { aggregateChecks: 0, singleChecks: 0 };

  constructor(private readonly o: AnchorChecksOptions) {
    this.batchMs = o.batchMs ?? ANCHOR_BATCH_MS;
  }

  get set(): AnchorSet {
    return this.o.set;
  }

  /** Why the message cannot be a signature of our certificates, or undefined. */
  shape(m: AnchorSignatures): string | undefined {
    const c = m.certificate;
    if (c.chainId !== this.o.chainId) return `a certificate of chain ${JSON.stringify(c.chainId)}`;
    if (!bytesEqual(c.validatorsHash, this.o.set.hash)) return 'a certificate of another validator set';
    if (c.height < 1 || c.height % this.o.interval !== 0) return `height ${c.height} is not a multiple of the anchor interval ${this.o.interval}`;
    const n = this.o.set.validators.length;
    let last = -1;
    for (const s of m.signatures) {
      if (s.signer >= n) return `signer ${s.signer} is outside the set of ${n}`;
      if (s.signer <= last) return 'signers are not strictly ascending';
      last = s.signer;
    }
    if (m.signatures.length === 0) return 'no signature';
    return undefined;
  }

  /** True when this signature of this certificate was found valid before. */
  knownValid(digest: string, signer: number, signature: Uint8Array): boolean {
    return this.valid.get(`${digest}/${signer}/${toHex(signature)}`) === true;
  }

  /** Every signature of `m` is valid (shape is the caller's check). Once per frozen message. */
  verify(m: AnchorSignatures): Promise<boolean> {
    const known = this.verdicts.get(m);
    if (known !== undefined) return known;
    const digest = certificateDigest(m.certificate);
    const result = Promise.all(m.signatures.map((s) => this.verifyOne(digest, m.certificate, s.signer, s.signature))).then((all) => all.every(Boolean));
    if (Object.isFrozen(m)) this.verdicts.set(m, result);
    return result;
  }

  private verifyOne(digest: string, certificate: Certificate, signer: number, signature: Uint8Array): Promise<boolean> {
    if (this.knownValid(digest, signer, signature)) return Promise.resolve(true);
    if (signer >= this.o.set.validators.length) return Promise.resolve(false);
    return new Promise((resolve) => {
      let batch = this.batches.get(digest);
      if (batch === undefined) {
        batch = { certificate, items: [] };
        this.batches.set(digest, batch);
        this.o.timers.schedule(this.batchMs, () => this.flush(digest));
      }
      batch.items.push({ signer, signature, resolve });
    });
  }

  private flush(digest: string): void {
    const batch = this.batches.get(digest);
    this.batches.delete(digest);
    if (batch === undefined) return;
    const message = certificateSignBytes(batch.certificate);
    const keys = this.o.set.validators;
    const { items } = batch;
    const remember = (p: Pending): void => this.valid.set(`${digest}/${p.signer}/${toHex(p.signature)}`, true);
    if (items.length > 1) {
      this.stats.aggregateChecks++;
      let all = false;
      try {
        const aggregate = blsAggregateSignatures(items.map((p) => p.signature));
        all = blsFastAggregateVerify(items.map((p) => keys[p.signer]!.blsPublicKey), message, aggregate);
      } catch {
        all = false; // a malformed signature: the single checks find it
      }
      if (all) {
        for (const p of items) {
          remember(p);
          p.resolve(true);
        }
        return;
      }
    }
    for (const p of items) {
      this.stats.singleChecks++;
      const ok = blsVerify(keys[p.signer]!.blsPublicKey, message, p.signature);
      if (ok) remember(p);
      p.resolve(ok);
    }
  }
}
