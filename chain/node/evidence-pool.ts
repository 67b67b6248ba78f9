/**
 * Equivocation evidence a validator holds: seen (its own detection, or a peer's, verified) and not
 * yet in a block, to include in its next own block and gossip; and what committed blocks already
 * carried, which a proposed block may not carry again.
 */
import { toHex } from '../codec/bytes.ts';
import { isChainError } from '../errors.ts';
import { encodeEvidence } from '../consensus/message-codec.ts';
import type { DuplicateVoteEvidence } from '../consensus/messages.ts';
import { verifyEvidence } from '../consensus/verify-commit.ts';
import type { DriverDeps } from './driver.ts';

export class EvidencePool {
  /** Evidence seen but not yet in a block, by its encoding. */
  private readonly pending = new Map<string, DuplicateVoteEvidence>();
  /** Encodings (hex) of the evidence committed blocks carried. */
  readonly committed = new Set<string>();

  constructor(private readonly d: Pick<DriverDeps, 'params' | 'ctx' | 'logger' | 'network'>) {}

  pendingEvidence(): Iterable<DuplicateVoteEvidence> {
    return this.pending.values();
  }

  /** Keeps and gossips new evidence (a peer's only once its votes verify). */
  async add(ev: DuplicateVoteEvidence, own: boolean): Promise<void> {
    const key = toHex(encodeEvidence(ev));
    if (this.pending.has(key) || this.committed.has(key)) return;
    if (!own) {
      try {
        await verifyEvidence(ev, this.d.params.validators, this.d.ctx.chainId, this.d.ctx.verifier);
      } catch (e) {
        if (isChainError(e)) return;
        throw e;
      }
    }
    this.d.logger.warn('equivocation', { validator: ev.a.validator, height: ev.a.height, round: ev.a.round, type: ev.a.type });
    this.pending.set(key, ev);
    this.d.network.broadcast({ kind: 'evidence', evidence: ev });
  }

  /** A committed block carried this evidence. */
  committedIn(evidence: readonly DuplicateVoteEvidence[]): void {
    for (const ev of evidence) {
      const key = toHex(encodeEvidence(ev));
      this.pending.delete(key);
      this.committed.add(key);
    }
  }
}
