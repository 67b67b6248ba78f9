/**
 * The node's own peer penalties and bans, on top of gossipsub's score: offences on our protocols
 * (garbage on direct, blocks or status) add OFFENSE_PENALTY each and decay like gossipsub's P4
 * (x0.9 a second); a peer whose combined score is at or below DISCONNECT_SCORE is banned for
 * BAN_MS. Time comes from the caller, so the rules are tested without waiting.
 */
import { BAN_MS, DISCONNECT_SCORE } from './gossip-config.ts';

export const OFFENSE_PENALTY = 40;
const DECAY = 0.9;

export class PeerDiscipline {
  private readonly penalties = new Map<string, number>();
  private readonly banned = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  penaltyOf(peer: string): number {
    return this.penalties.get(peer) ?? 0;
  }

  /** Returns the peer's penalty after the offence. */
  penalize(peer: string): number {
    const p = this.penaltyOf(peer) + OFFENSE_PENALTY;
    this.penalties.set(peer, p);
    return p;
  }

  isBanned(peer: string): boolean {
    const until = this.banned.get(peer);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    this.banned.delete(peer);
    return false;
  }

  /** One second of decay of the own penalties. */
  decay(): void {
    for (const [peer, p] of this.penalties) {
      const next = p * DECAY;
      if (next < 1) this.penalties.delete(peer);
      else this.penalties.set(peer, next);
    }
  }

  /** The peer's combined score (the lower of gossipsub's and ours); bans it when at or below DISCONNECT_SCORE. */
  judge(peer: string, gossipScore: number): { readonly score: number; readonly ban: boolean } {
    const score = Math.min(gossipScore, -this.penaltyOf(peer));
    const ban = score <= DISCONNECT_SCORE;
    if (ban) this.banned.set(peer, this.now() + BAN_MS);
    return { score, ban };
  }
}
