/**
 * Canonical encodings of consensus messages (CBOR arrays through chain/codec) and their strict
 * decoders, plus the bytes each signature covers. Decoders throw ChainError: CODEC_* for bytes or
 * field shapes, CONS_MALFORMED for a well-shaped message that breaks a consensus rule. Nothing
 * else is accepted: decode -> encode reproduces the input bytes.
 *
 *   vote      = [type, height, round, blockHash | null, validator, signature]
 *   proposal  = [height, round, validRound, blockBytes, proposer, signature]
 *               (blockBytes = encodeBlock(block); blockHash is recomputed, never carried)
 *   commit    = [height, round, blockHash, [[validator, signature], ...]]  (ascending validator)
 *   evidence  = [vote, vote]  (nil first, then by block hash: one encoding per equivocation)
 *
 *   voteSignBytes     = signingBytes("vote", chainId, cbor([type, height, round, blockHash | null, validator]))
 *   proposalSignBytes = signingBytes("proposal", chainId, cbor([height, round, validRound, blockHash, proposer]))
 */
import { blockHash as hashOfHeader, decodeBlock, encodeBlock } from '../block/block-codec.ts';
import { decodeCbor, encodeCbor, type CborValue } from '../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { signingBytes, SIGNING_PURPOSE } from '../crypto/domain.ts';
import { ChainError } from '../errors.ts';
import { consError } from './consensus-errors.ts';
import { conflictProblem, isCanonicalEvidenceOrder } from './duplicate-vote-evidence.ts';
import { VOTE_TYPES, type Commit, type DuplicateVoteEvidence, type Proposal, type SignedProposal, type SignedVote, type Vote, type VoteType } from './messages.ts';

export const HASH_LENGTH = 32;
/** ed25519 signatures. */
export const SIGNATURE_LENGTH = 64;

// ---- signing bytes ----

export function voteSignBytes(chainId: string, vote: Vote): Uint8Array {
  return signingBytes(SIGNING_PURPOSE.vote, chainId, encodeCbor([vote.type, vote.height, vote.round, vote.blockHash, vote.validator]));
}

export function proposalSignBytes(chainId: string, p: Proposal): Uint8Array {
  return signingBytes(SIGNING_PURPOSE.proposal, chainId, encodeCbor([p.height, p.round, p.validRound, p.blockHash, p.proposer]));
}

// ---- readers ----

function readVoteType(v: CborValue | undefined, path: string): VoteType {
  const s = readString(v, path, 16);
  const t = VOTE_TYPES.find((x) => x === s);
  if (t === undefined) throw consError('CONS_MALFORMED', `${path}: unknown vote type ${s}`, { field: path });
  return t;
}

/** -1 or a non-negative safe integer (Algorithm 1's validRound). */
function readValidRound(v: CborValue | undefined, path: string): number {
  if (v === -1) return -1;
  return readUint(v, path);
}

function readHashOrNil(v: CborValue | undefined, path: string): Uint8Array | null {
  return v === null ? null : readBytes(v, path, HASH_LENGTH);
}

// ---- votes ----

export function signedVoteToCbor(v: SignedVote): CborValue {
  return [v.type, v.height, v.round, v.blockHash, v.validator, v.signature];
}

export function readSignedVote(value: CborValue | undefined, path: string): SignedVote {
  const a = readArray(value, path, 6);
  return Object.freeze({
    type: readVoteType(a[0], `${path}.type`),
    height: readUint(a[1], `${path}.height`),
    round: readUint(a[2], `${path}.round`),
    blockHash: readHashOrNil(a[3], `${path}.blockHash`),
    validator: readUint(a[4], `${path}.validator`),
    signature: readBytes(a[5], `${path}.signature`, SIGNATURE_LENGTH),
  });
}

export function encodeSignedVote(v: SignedVote): Uint8Array {
  return encodeCbor(signedVoteToCbor(v));
}

export function decodeSignedVote(bytes: Uint8Array): SignedVote {
  return readSignedVote(decodeCbor(bytes), 'vote');
}

// ---- proposals ----

export function encodeSignedProposal(p: SignedProposal): Uint8Array {
  return encodeCbor([p.height, p.round, p.validRound, encodeBlock(p.block), p.proposer, p.signature]);
}

export function decodeSignedProposal(bytes: Uint8Array): SignedProposal {
  const a = readArray(decodeCbor(bytes), 'proposal', 6);
  const height = readUint(a[0], 'proposal.height');
  const round = readUint(a[1], 'proposal.round');
  const validRound = readValidRound(a[2], 'proposal.validRound');
  if (validRound >= round) throw consError('CONS_MALFORMED', `proposal.validRound ${validRound} is not below round ${round}`, { field: 'proposal.validRound' });
  const block = decodeBlockField(readBytes(a[3], 'proposal.block'));
  return Object.freeze({
    height,
    round,
    validRound,
    block,
    blockHash: hashOfHeader(block.header),
    proposer: readUint(a[4], 'proposal.proposer'),
    signature: readBytes(a[5], 'proposal.signature', SIGNATURE_LENGTH),
  });
}

/** decodeBlock, with the field named in the error. */
function decodeBlockField(bytes: Uint8Array): ReturnType<typeof decodeBlock> {
  try {
    return decodeBlock(bytes);
  } catch (e) {
    if (e instanceof ChainError) throw new ChainError(e.code, `proposal.block: ${e.message}`, { ...e.details, field: 'proposal.block' });
    throw e;
  }
}

// ---- commits ----

export function commitToCbor(c: Commit): CborValue {
  return [c.height, c.round, c.blockHash, c.signatures.map((s) => [s.validator, s.signature])];
}

export function readCommit(value: CborValue | undefined, path: string): Commit {
  const a = readArray(value, path, 4);
  const signatures = readArray(a[3], `${path}.signatures`).map((item, i) => {
    const pair = readArray(item, `${path}.signatures[${i}]`, 2);
    return Object.freeze({
      validator: readUint(pair[0], `${path}.signatures[${i}].validator`),
      signature: readBytes(pair[1], `${path}.signatures[${i}].signature`, SIGNATURE_LENGTH),
    });
  });
  if (signatures.length === 0) throw consError('CONS_MALFORMED', `${path}.signatures: a commit needs signers`, { field: `${path}.signatures` });
  for (let i = 1; i < signatures.length; i++) {
    if (signatures[i]!.validator <= signatures[i - 1]!.validator) {
      throw consError('CONS_MALFORMED', `${path}.signatures: validators must be strictly ascending`, { field: `${path}.signatures[${i}]` });
    }
  }
  return Object.freeze({
    height: readUint(a[0], `${path}.height`),
    round: readUint(a[1], `${path}.round`),
    blockHash: readBytes(a[2], `${path}.blockHash`, HASH_LENGTH),
    signatures: Object.freeze(signatures),
  });
}

export function encodeCommit(c: Commit): Uint8Array {
  return encodeCbor(commitToCbor(c));
}

export function decodeCommit(bytes: Uint8Array): Commit {
  return readCommit(decodeCbor(bytes), 'commit');
}

// ---- duplicate-vote evidence ----

export function evidenceToCbor(e: DuplicateVoteEvidence): CborValue {
  return [signedVoteToCbor(e.a), signedVoteToCbor(e.b)];
}

export function readEvidence(value: CborValue | undefined, path: string): DuplicateVoteEvidence {
  const a = readArray(value, path, 2);
  const e = Object.freeze({ a: readSignedVote(a[0], `${path}.a`), b: readSignedVote(a[1], `${path}.b`) });
  const problem = conflictProblem(e.a, e.b);
  if (problem !== undefined) throw consError('CONS_MALFORMED', `${path}: ${problem}`, { field: path });
  if (!isCanonicalEvidenceOrder(e)) throw consError('CONS_MALFORMED', `${path}: votes out of order (nil first, then by block hash)`, { field: path });
  return e;
}

export function encodeEvidence(e: DuplicateVoteEvidence): Uint8Array {
  return encodeCbor(evidenceToCbor(e));
}

export function decodeEvidence(bytes: Uint8Array): DuplicateVoteEvidence {
  return readEvidence(decodeCbor(bytes), 'evidence');
}
