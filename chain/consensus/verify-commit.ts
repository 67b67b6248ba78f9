/**
 * Checks that a commit proves its block: every signer is in the validator set, every precommit
 * signature verifies (one batch through the injected verifier), and the signers hold more than 2/3
 * of the voting power. The node runs it on each proposal's `lastCommit` before voting, and block
 * sync on the newest commit it downloads.
 */
import { ChainError } from '../errors.ts';
import type { SignatureVerifier } from '../tx/signature-verifier.ts';
import type { Commit, DuplicateVoteEvidence, SignedVote } from './messages.ts';
import { voteSignBytes } from './message-codec.ts';
import { quorumThreshold } from './quorum.ts';
import type { ValidatorInfo } from './step-types.ts';

export async function verifyCommit(commit: Commit, validators: readonly ValidatorInfo[], chainId: string, verifier: SignatureVerifier): Promise<void> {
  let power = 0;
  const checks = commit.signatures.map(({ validator, signature }) => {
    const v = validators[validator];
    if (v === undefined) throw new ChainError('CONS_BAD_COMMIT', `commit signer ${validator} is not in the validator set`);
    power += v.power;
    const vote = { type: 'precommit' as const, height: commit.height, round: commit.round, blockHash: commit.blockHash, validator };
    return { publicKey: v.publicKey, message: voteSignBytes(chainId, vote), signature };
  });
  const quorum = quorumThreshold(validators.reduce((n, v) => n + v.power, 0));
  if (power < quorum) throw new ChainError('CONS_BAD_COMMIT', `commit signers hold ${power} of the voting power, ${quorum} needed`);
  const ok = await verifier.verifyAll(checks);
  const bad = ok.indexOf(false);
  if (bad >= 0) throw new ChainError('CONS_BAD_COMMIT', `commit signature of validator ${commit.signatures[bad]!.validator} does not verify`);
}

/** Both votes of a duplicate-vote evidence must be signed by the validator they name. */
export async function verifyEvidence(evidence: DuplicateVoteEvidence, validators: readonly ValidatorInfo[], chainId: string, verifier: SignatureVerifier): Promise<void> {
  const check = (vote: SignedVote) => {
    const v = validators[vote.validator];
    if (v === undefined) throw new ChainError('CONS_BAD_EVIDENCE', `evidence names validator ${vote.validator}, not in the set`);
    return { publicKey: v.publicKey, message: voteSignBytes(chainId, vote), signature: vote.signature };
  };
  const ok = await verifier.verifyAll([check(evidence.a), check(evidence.b)]);
  if (ok.includes(false)) throw new ChainError('CONS_BAD_EVIDENCE', `a vote of validator ${evidence.a.validator} in the evidence does not verify`);
}
