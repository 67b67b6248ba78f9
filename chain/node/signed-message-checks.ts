/**
 * Signature checks of votes and proposals against a validator set, once per process per frozen
 * message (`checkOnce`, keyed by chain and validator set). The gossip validator (before a message
 * is forwarded) and the driver (before it is stepped) both ask here, so whichever comes second
 * finds the check done.
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { blockHash } from '../block/block-codec.ts';
import { proposalSignBytes, voteSignBytes } from '../consensus/message-codec.ts';
import type { SignedProposal, SignedVote } from '../consensus/messages.ts';
import type { SignatureVerifier } from '../tx/signature-verifier.ts';
import { checkOnce } from './check-once.ts';

export class SignedMessageChecks {
  private readonly setKey: string;

  constructor(
    private readonly chainId: string,
    validatorsHash: Uint8Array,
    private readonly keys: readonly Uint8Array[],
    private readonly verifier: SignatureVerifier,
  ) {
    this.setKey = `${chainId}/${toHex(validatorsHash)}`;
  }

  /** False for a voter outside the set or a bad signature. */
  vote(v: SignedVote): Promise<boolean> {
    const key = this.keys[v.validator];
    if (key === undefined) return Promise.resolve(false);
    return checkOnce(v, this.setKey, () => this.verify(key, voteSignBytes(this.chainId, v), v.signature));
  }

  /** False for a proposer outside the set, a block hash that is not the header's, or a bad signature. */
  proposal(p: SignedProposal): Promise<boolean> {
    const key = this.keys[p.proposer];
    if (key === undefined) return Promise.resolve(false);
    return checkOnce(p, this.setKey, () =>
      bytesEqual(p.blockHash, blockHash(p.block.header)) ? this.verify(key, proposalSignBytes(this.chainId, p), p.signature) : Promise.resolve(false),
    );
  }

  private async verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const [ok] = await this.verifier.verifyAll([{ publicKey, message, signature }]);
    return ok === true;
  }
}
