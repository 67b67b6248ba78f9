/**
 * Proposals and votes of height + 1 that arrive before this node moved there (the others decided a
 * moment earlier). They are kept and replayed by `start-height`, so a node one block behind does
 * not miss the next round 0. Bounded per sender: a validator (or proposer) can park at most
 * MAX_BUFFERED_PER_VALIDATOR distinct messages; later ones are dropped (the driver's gossip or
 * its own buffer re-delivers). Messages of any other height are ignored.
 */
import type { SignedProposal, SignedVote } from './messages.ts';
import { sameValue } from './duplicate-vote-evidence.ts';

/** Enough for a prevote and a precommit in each of two rounds. */
export const MAX_BUFFERED_PER_VALIDATOR = 4;

export type NextHeightMessage =
  | { readonly kind: 'proposal'; readonly proposal: SignedProposal }
  | { readonly kind: 'vote'; readonly vote: SignedVote };

function senderOf(m: NextHeightMessage): number {
  return m.kind === 'vote' ? m.vote.validator : m.proposal.proposer;
}

function sameMessage(a: NextHeightMessage, b: NextHeightMessage): boolean {
  if (a.kind === 'vote' && b.kind === 'vote') {
    return a.vote.type === b.vote.type && a.vote.round === b.vote.round && sameValue(a.vote.blockHash, b.vote.blockHash);
  }
  if (a.kind === 'proposal' && b.kind === 'proposal') {
    return a.proposal.round === b.proposal.round && sameValue(a.proposal.blockHash, b.proposal.blockHash);
  }
  return false;
}

/** The buffer with `m` appended, or the same buffer when `m` is a repeat or its sender is at its cap. */
export function bufferNextHeight(buffer: readonly NextHeightMessage[], m: NextHeightMessage): readonly NextHeightMessage[] {
  const sender = senderOf(m);
  let count = 0;
  for (const b of buffer) {
    if (senderOf(b) !== sender) continue;
    if (sameMessage(b, m)) return buffer;
    count++;
  }
  return count >= MAX_BUFFERED_PER_VALIDATOR ? buffer : [...buffer, m];
}
