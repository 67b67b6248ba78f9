/**
 * Gossipsub's validation hook: a message is forwarded only when it is well-formed and signed by a
 * validator of our set, so an invalid one stops at the first honest node and lowers its sender's
 * score (gossipsub's P4 penalty). The verdict rules:
 * - reject: undecodable bytes, over the size of its kind, a signer outside the set, a bad signature
 *   (another chain's vote or proposal fails here: signatures are domain-separated by chain id);
 * - ignore: well-formed and signed but useless now (never penalized: an honest peer sends those);
 * - accept: the decoded message is handed to the node.
 * Signature checks go through SignedMessageChecks, as the driver's do, so the driver finds them done.
 * Certificate signatures (`anchor-sigs`) are judged by the process's anchor service
 * (chain/node/anchor): malformed for our chain or a bad BLS signature is reject; nothing the node
 * needs (out of its window of heights, signers it holds) is ignore.
 */
import { isChainError } from '../../errors.ts';
import type { SignedVote } from '../../consensus/messages.ts';
import { decodeTx } from '../../tx/tx-codec.ts';
import type { SignatureVerifier } from '../../tx/signature-verifier.ts';
import { SignedMessageChecks } from '../signed-message-checks.ts';
import type { NodeMessage } from '../node-messages.ts';
import type { AnchorSignatures } from '../anchor/anchor-messages.ts';
import { maxAnchorPayloadBytes } from '../anchor/anchor-messages.ts';
import { MAX_ANCHOR_VALIDATORS } from '../../anchor/anchor-set.ts';
import type { AnchorVerdict } from '../anchor/anchor-service.ts';
import { decodePayload, type MessageKind } from './wire-codec.ts';

export type GossipKind = Extract<MessageKind, 'proposal' | 'vote' | 'evidence' | 'txs' | 'anchor-sigs'>;
export const GOSSIP_KINDS: readonly GossipKind[] = ['proposal', 'vote', 'evidence', 'txs', 'anchor-sigs'];

export type Verdict = { readonly verdict: 'accept'; readonly message: NodeMessage } | { readonly verdict: 'reject' | 'ignore'; readonly reason: string };

export interface GossipValidationContext {
  readonly chainId: string;
  readonly validatorsHash: Uint8Array;
  readonly validatorKeys: readonly Uint8Array[];
  readonly verifier: SignatureVerifier;
  readonly maxTxBytes: number;
  readonly maxBlockBytes: number;
  readonly maxBlockTxs: number;
  /**
   * The verdict on certificate signatures (AnchorService.gossipCheck); without it (a process not
   * yet ready to collect), they are ignored.
   */
  readonly anchors?: (m: AnchorSignatures) => Promise<AnchorVerdict>;
}

/**
 * Largest payload of each kind: a vote is ~140 bytes, evidence two votes, a proposal a block,
 * certificate signatures ~101 bytes for each validator of the set (a process sends all of its own).
 */
export function maxPayloadBytes(kind: GossipKind, c: Pick<GossipValidationContext, 'maxBlockBytes'> & { readonly validatorKeys?: readonly unknown[] }): number {
  switch (kind) {
    case 'anchor-sigs':
      return maxAnchorPayloadBytes(c.validatorKeys?.length ?? MAX_ANCHOR_VALIDATORS);
    case 'vote':
      return 512;
    case 'evidence':
      return 1024;
    case 'proposal':
    case 'txs':
      return c.maxBlockBytes + 64 * 1024;
  }
}

export class GossipValidator {
  private readonly checks: SignedMessageChecks;

  constructor(private readonly c: GossipValidationContext) {
    this.checks = new SignedMessageChecks(c.chainId, c.validatorsHash, c.validatorKeys, c.verifier);
  }

  async validate(kind: GossipKind, bytes: Uint8Array): Promise<Verdict> {
    if (bytes.length > maxPayloadBytes(kind, this.c)) return { verdict: 'reject', reason: `${kind} of ${bytes.length} bytes is over the limit` };
    let message: NodeMessage;
    try {
      message = decodePayload(kind, bytes, this.c.maxBlockTxs);
    } catch (e) {
      if (isChainError(e)) return { verdict: 'reject', reason: e.message };
      throw e;
    }
    if (message.kind === 'anchor-sigs') {
      if (this.c.anchors === undefined) return { verdict: 'ignore', reason: 'not collecting certificate signatures yet' };
      const v = await this.c.anchors(message.sigs);
      return v.verdict === 'accept' ? { verdict: 'accept', message } : v;
    }
    const ok = await this.check(message);
    return ok === true ? { verdict: 'accept', message } : { verdict: 'reject', reason: ok };
  }

  /** true, or why the message is invalid. */
  private async check(m: NodeMessage): Promise<true | string> {
    const { chainId } = this.c;
    switch (m.kind) {
      case 'vote':
        return this.checkVote(m.vote);
      case 'proposal': {
        const p = m.proposal;
        const key = this.c.validatorKeys[p.proposer];
        if (key === undefined) return `proposer ${p.proposer} is not a validator`;
        if (p.block.header.chainId !== chainId) return 'a proposal of another chain';
        return (await this.checks.proposal(p)) ? true : 'bad proposal signature';
      }
      case 'evidence': {
        const a = await this.checkVote(m.evidence.a);
        const b = await this.checkVote(m.evidence.b);
        return a === true ? b : a;
      }
      case 'txs':
        for (const tx of m.txs) {
          try {
            decodeTx(tx, this.c.maxTxBytes);
          } catch (e) {
            if (isChainError(e)) return `a malformed tx in the batch: ${e.message}`;
            throw e;
          }
        }
        return true;
      default:
        return `${m.kind} is not a gossip message`;
    }
  }

  private async checkVote(v: SignedVote): Promise<true | string> {
    const key = this.c.validatorKeys[v.validator];
    if (key === undefined) return `voter ${v.validator} is not a validator`;
    return (await this.checks.vote(v)) ? true : 'bad vote signature';
  }
}
