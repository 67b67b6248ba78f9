/**
 * The commit of a decided height with every precommit received so far for the decided block in
 * the deciding round, not only the first +2/3 that made the decision. The driver stores this fuller
 * commit at the end of the commit pause, so the next block's `lastCommit` shows everyone who signed
 * (as Tendermint's does).
 */
import type { ConsensusState } from './consensus-state.ts';
import type { Commit } from './messages.ts';
import { votesFor } from './vote-set.ts';

export function fullCommit(s: ConsensusState): Commit | null {
  const d = s.decision;
  if (d === null) return null;
  const precommits = s.rounds.get(d.round)?.precommits;
  if (precommits === undefined) return d.commit;
  const votes = votesFor(precommits, d.commit.blockHash);
  if (votes.length <= d.commit.signatures.length) return d.commit;
  const signatures = votes.map((v) => ({ validator: v.validator, signature: v.signature })).sort((a, b) => a.validator - b.validator);
  return { ...d.commit, signatures };
}
