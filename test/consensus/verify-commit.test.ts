import { expect } from 'chai';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { signEd25519 } from '../../chain/crypto/ed25519-sign.ts';
import { voteSignBytes } from '../../chain/consensus/message-codec.ts';
import { verifyCommit, verifyEvidence } from '../../chain/consensus/verify-commit.ts';
import { duplicateVoteEvidence } from '../../chain/consensus/duplicate-vote-evidence.ts';
import type { Commit, SignedVote, Vote } from '../../chain/consensus/messages.ts';
import { mainThreadVerifier } from '../../chain/tx/signature-verifier.ts';
import { expectCode } from '../fixtures/expect-code.ts';

const CHAIN = 'tfr-commit-1';
const keys = [0, 1, 2, 3].map((i) => deriveEd25519Key('commit-test', `v/${i}`));
const validators = keys.map((k) => ({ publicKey: k.publicKey, power: 1 }));
const blockHash = new Uint8Array(32).fill(5);
const verifier = mainThreadVerifier();

function signed(vote: Vote): SignedVote {
  return { ...vote, signature: signEd25519(keys[vote.validator % keys.length]!.secret, voteSignBytes(CHAIN, vote)) };
}

function commitBy(signers: number[], hash = blockHash): Commit {
  return {
    height: 7,
    round: 1,
    blockHash,
    signatures: signers.map((v) => ({ validator: v, signature: signed({ type: 'precommit', height: 7, round: 1, blockHash: hash, validator: v }).signature })),
  };
}

describe('commit verification', () => {
  it('accepts +2/3 valid precommits (3 of 4)', async () => {
    await verifyCommit(commitBy([0, 1, 3]), validators, CHAIN, verifier);
  });

  it('rejects too little power, unknown signers, and signatures for another block, round or chain', async () => {
    await expectCode(verifyCommit(commitBy([0, 1]), validators, CHAIN, verifier), 'CONS_BAD_COMMIT');
    await expectCode(verifyCommit(commitBy([0, 1, 9]), validators, CHAIN, verifier), 'CONS_BAD_COMMIT');
    await expectCode(verifyCommit(commitBy([0, 1, 2], new Uint8Array(32)), validators, CHAIN, verifier), 'CONS_BAD_COMMIT');
    await expectCode(verifyCommit({ ...commitBy([0, 1, 2]), round: 2 }, validators, CHAIN, verifier), 'CONS_BAD_COMMIT');
    await expectCode(verifyCommit(commitBy([0, 1, 2]), validators, 'tfr-other-1', verifier), 'CONS_BAD_COMMIT');
  });

  it('checks both votes of evidence', async () => {
    const a = signed({ type: 'prevote', height: 3, round: 0, blockHash, validator: 2 });
    const b = signed({ type: 'prevote', height: 3, round: 0, blockHash: null, validator: 2 });
    const ev = duplicateVoteEvidence(a, b);
    await verifyEvidence(ev, validators, CHAIN, verifier);
    await expectCode(verifyEvidence({ ...ev, b: { ...ev.b, signature: ev.a.signature } }, validators, CHAIN, verifier), 'CONS_BAD_EVIDENCE');
    await expectCode(verifyEvidence(ev, validators.slice(0, 2), CHAIN, verifier), 'CONS_BAD_EVIDENCE');
  });
});
