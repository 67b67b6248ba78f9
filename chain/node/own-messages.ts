/**
 * Our own votes and proposals: signed by the guarded signer (which persists its position first),
 * written to the WAL with fsync, then broadcast. The order is the double-sign rule: nothing leaves
 * the node that a restart could forget. A signer that refuses (it signed otherwise before a crash)
 * leaves us silent for that step.
 */
import { isChainError } from '../errors.ts';
import { proposalSignBytes, voteSignBytes } from '../consensus/message-codec.ts';
import type { Proposal, SignedProposal, SignedVote, Vote } from '../consensus/messages.ts';
import type { Logger } from '../ports/logger.ts';
import type { Network } from '../ports/network.ts';
import type { Signer } from '../ports/signer.ts';
import type { Wal } from '../ports/wal.ts';
import type { NodeMessage } from './node-messages.ts';
import { encodeWalInput } from './wal-records.ts';

export interface OwnMessageDeps {
  readonly chainId: string;
  readonly signer: Signer | null;
  readonly wal: Wal;
  readonly network: Network<NodeMessage>;
  readonly logger: Logger;
}

/** The signed vote, already logged and broadcast; undefined when we must stay silent. */
export async function sendOwnVote(d: OwnMessageDeps, vote: Vote): Promise<SignedVote | undefined> {
  const { signer } = d;
  if (signer === null) return undefined;
  const signature = await signOrSkip(d, () => signer.sign({ height: vote.height, round: vote.round, step: vote.type }, voteSignBytes(d.chainId, vote)));
  if (signature === undefined) return undefined;
  const signed: SignedVote = Object.freeze({ ...vote, signature });
  await d.wal.append(encodeWalInput({ kind: 'vote', vote: signed }), { sync: true });
  d.network.broadcast({ kind: 'vote', vote: signed });
  return signed;
}

/** The signed proposal, already logged and broadcast (`onSigned` runs between signing and logging). */
export async function sendOwnProposal(d: OwnMessageDeps, proposal: Proposal, onSigned: () => void): Promise<SignedProposal | undefined> {
  const { signer } = d;
  if (signer === null) return undefined;
  const signature = await signOrSkip(d, () => signer.sign({ height: proposal.height, round: proposal.round, step: 'propose' }, proposalSignBytes(d.chainId, proposal)));
  if (signature === undefined) return undefined;
  const signed: SignedProposal = Object.freeze({ ...proposal, signature });
  onSigned();
  await d.wal.append(encodeWalInput({ kind: 'proposal', proposal: signed }), { sync: true });
  d.network.broadcast({ kind: 'proposal', proposal: signed });
  return signed;
}

async function signOrSkip(d: OwnMessageDeps, sign: () => Promise<Uint8Array>): Promise<Uint8Array | undefined> {
  try {
    return await sign();
  } catch (e) {
    if (isChainError(e) && (e.code === 'NODE_SIGN_REGRESSION' || e.code === 'NODE_SIGN_CONFLICT')) {
      d.logger.warn('the signer refused to sign (already signed otherwise before a restart)', { code: e.code });
      return undefined;
    }
    throw e;
  }
}
