/**
 * Consensus inputs as write-ahead-log records (canonical CBOR), so a restarted node replays the
 * current height exactly as it lived it: the proposals and votes it saw, its own signed messages,
 * timeouts, block verdicts and the block it built.
 */
import { decodeCbor, encodeCbor } from '../codec/cbor.ts';
import { readArray, readBool, readBytes, readString, readUint } from '../codec/read.ts';
import { decodeBlock, encodeBlock } from '../block/block-codec.ts';
import { decodeSignedProposal, decodeSignedVote, encodeSignedProposal, encodeSignedVote } from '../consensus/message-codec.ts';
import { ROUND_STEPS, type RoundStep } from '../consensus/messages.ts';
import type { ConsensusInput } from '../consensus/step-types.ts';
import { ChainError } from '../errors.ts';

/**
 * Records of frozen proposals and votes already logged in this process. The validators of one
 * process (`tfr testnet`) log the very same frozen message object the in-process network handed
 * them (~19,000 vote records a height at 99 validators; a proposal carries its block, ~150 kB of
 * CBOR for 1,000 txs): encoded once, a record serves them all. Like the vote cache in driver.ts,
 * this relies on nobody writing to a frozen message's byte arrays. The WAL copies what it appends.
 */
const messageRecords = new WeakMap<object, Uint8Array>();

export function encodeWalInput(input: ConsensusInput): Uint8Array {
  const message = input.kind === 'proposal' ? input.proposal : input.kind === 'vote' ? input.vote : undefined;
  if (message === undefined || !Object.isFrozen(message)) return encode(input);
  const known = messageRecords.get(message);
  if (known !== undefined) return known;
  const record = encode(input);
  messageRecords.set(message, record);
  return record;
}

function encode(input: ConsensusInput): Uint8Array {
  switch (input.kind) {
    case 'start-height':
      return encodeCbor(['start-height', input.height]);
    case 'proposal':
      return encodeCbor(['proposal', encodeSignedProposal(input.proposal)]);
    case 'vote':
      return encodeCbor(['vote', encodeSignedVote(input.vote)]);
    case 'timeout':
      return encodeCbor(['timeout', input.height, input.round, input.step]);
    case 'block-checked':
      return encodeCbor(['block-checked', input.height, input.blockHash, input.valid]);
    case 'own-block':
      return encodeCbor(['own-block', input.height, input.round, encodeBlock(input.block)]);
  }
}

export function decodeWalInput(bytes: Uint8Array): ConsensusInput {
  const a = readArray(decodeCbor(bytes), 'wal');
  const kind = readString(a[0], 'wal.kind', 32);
  switch (kind) {
    case 'start-height':
      return { kind, height: readUint(a[1], 'wal.height') };
    case 'proposal':
      return { kind, proposal: decodeSignedProposal(readBytes(a[1], 'wal.proposal')) };
    case 'vote':
      return { kind, vote: decodeSignedVote(readBytes(a[1], 'wal.vote')) };
    case 'timeout': {
      const step = readString(a[3], 'wal.step', 16);
      if (!(ROUND_STEPS as readonly string[]).includes(step)) throw new ChainError('WAL_CORRUPT', `unknown step ${step} in a WAL record`);
      return { kind, height: readUint(a[1], 'wal.height'), round: readUint(a[2], 'wal.round'), step: step as RoundStep };
    }
    case 'block-checked':
      return { kind, height: readUint(a[1], 'wal.height'), blockHash: readBytes(a[2], 'wal.blockHash', 32), valid: readBool(a[3], 'wal.valid') };
    case 'own-block':
      return { kind, height: readUint(a[1], 'wal.height'), round: readUint(a[2], 'wal.round'), block: decodeBlock(readBytes(a[3], 'wal.block')) };
    default:
      throw new ChainError('WAL_CORRUPT', `unknown WAL record kind ${kind}`);
  }
}
