/**
 * The bytes of our request-response protocols: block ranges (`[from, count]` answered by
 * `[blocks, commit of the last]`) and status (`[height, tip hash]`), with the stream limits they
 * need. Anything a peer sends is parsed strictly; a malformed range is SYNC_BAD_RANGE.
 */
import { decodeCbor, encodeCbor } from '../../codec/cbor.ts';
import { readArray, readBytes, readUint } from '../../codec/read.ts';
import { isChainError } from '../../errors.ts';
import { decodeBlock, encodeBlock } from '../../block/block-codec.ts';
import { decodeCommit, encodeCommit } from '../../consensus/message-codec.ts';
import type { BlockRange } from '../sync/block-source.ts';
import { SYNC_RANGE_BLOCKS } from '../sync/block-source.ts';
import { p2pError } from './p2p-errors.ts';

export const REQUEST_TIMEOUT_MS = 10_000;
export const MAX_DIRECT_BYTES = 8 * 1024 * 1024;
export const MAX_RANGE_BYTES = 16 * 1024 * 1024;

/**
 * lpStream's limits for messages of up to `maxData` bytes. Its read buffer has a limit of its own,
 * 4 MiB by default, that a bigger message overflows (the stream is aborted) whatever maxDataLength
 * says: a full block's proposal, or a sync range near SYNC_RANGE_MAX_BYTES with its commit.
 */
export function lpLimits(maxData: number): { maxDataLength: number; maxBufferSize: number } {
  return { maxDataLength: maxData, maxBufferSize: maxData + 16 };
}

export function encodeRangeRequest(from: number, count: number): Uint8Array {
  return encodeCbor([from, count]);
}

/** `from` at least 1, `count` at most SYNC_RANGE_BLOCKS. */
export function decodeRangeRequest(bytes: Uint8Array): { readonly from: number; readonly count: number } {
  const a = readArray(decodeCbor(bytes), 'range request', 2);
  return { from: Math.max(1, readUint(a[0], 'range.from')), count: Math.min(readUint(a[1], 'range.count'), SYNC_RANGE_BLOCKS) };
}

export function encodeRange(range: BlockRange): Uint8Array {
  return encodeCbor([range.blocks.map((b) => encodeBlock(b)), range.commit === null ? null : encodeCommit(range.commit)]);
}

/** A peer's answer to a request for `count` blocks: SYNC_BAD_RANGE unless well-formed and at most `count`. */
export function decodeRange(bytes: Uint8Array, count: number): BlockRange {
  try {
    const a = readArray(decodeCbor(bytes), 'range', 2);
    const blocks = readArray(a[0], 'range.blocks').map((b, i) => decodeBlock(readBytes(b, `range.blocks[${i}]`)));
    if (blocks.length > count) throw p2pError('SYNC_BAD_RANGE', `asked for ${count} blocks, got ${blocks.length}`);
    const commit = a[1] === null ? null : decodeCommit(readBytes(a[1], 'range.commit'));
    return { blocks, commit };
  } catch (e) {
    if (isChainError(e) && e.code !== 'SYNC_BAD_RANGE') throw p2pError('SYNC_BAD_RANGE', `a malformed range: ${e.message}`, { cause: e.code });
    throw e;
  }
}

export function encodeStatus(height: number, hash: Uint8Array): Uint8Array {
  return encodeCbor([height, hash]);
}

export function decodeStatus(bytes: Uint8Array): { readonly height: number; readonly hash: Uint8Array } {
  const a = readArray(decodeCbor(bytes), 'status', 2);
  return { height: readUint(a[0], 'status.height'), hash: readBytes(a[1], 'status.hash', 32) };
}
