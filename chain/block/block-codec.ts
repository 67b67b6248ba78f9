/** Canonical encodings of headers, blocks and block results (CBOR arrays, strict decoding). */
import { decodeCbor, encodeCbor, type CborValue } from '../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { sha256 } from '../codec/hash.ts';
import { merkleRoot } from '../codec/merkle-root.ts';
import { ERROR_CODES } from '../error-codes.ts';
import { ChainError } from '../errors.ts';
import { eventToCbor, type ChainEvent, type EventValue } from '../execution/events.ts';
import type { Block, BlockHeader, BlockResults, TxCode, TxResult } from './block.ts';
import type { Commit, DuplicateVoteEvidence } from '../consensus/messages.ts';
import { commitToCbor, evidenceToCbor, readCommit, readEvidence } from '../consensus/message-codec.ts';

function headerItems(h: BlockHeader): CborValue[] {
  return [h.version, h.chainId, h.height, h.time, h.parentHash, h.stateRoot, h.txsHash, h.lastResultsHash, h.proposer, h.lastCommitHash, h.evidenceHash, h.validatorsHash];
}

export function encodeHeader(h: BlockHeader): Uint8Array {
  return encodeCbor(headerItems(h));
}

export function blockHash(h: BlockHeader): Uint8Array {
  return sha256(encodeHeader(h));
}

export function encodeBlock(b: Block): Uint8Array {
  return encodeCbor([headerItems(b.header), [...b.txs], b.lastCommit === null ? null : commitToCbor(b.lastCommit), b.evidence.map(evidenceToCbor)]);
}

/**
 * The tx root of frozen tx lists already hashed in this process. The validators of one process
 * (`tfr testnet`) all check the very same frozen block object the in-process network handed them
 * (built by `buildBlock` or `decodeBlock`, both frozen), twice each: once hashed serves them all
 * (1,000 txs: ~2,000 sha256 per check). Like the vote cache in chain/node/driver.ts, this relies
 * on the byte arrays of a frozen block not being written to, which no code does.
 */
const txsHashes = new WeakMap<readonly Uint8Array[], Uint8Array>();

export function txsHashOf(txs: readonly Uint8Array[]): Uint8Array {
  const frozen = Object.isFrozen(txs);
  const known = frozen ? txsHashes.get(txs) : undefined;
  if (known !== undefined) return known.slice();
  const root = merkleRoot(txs.map((t) => sha256(t)));
  if (frozen) txsHashes.set(txs, root.slice());
  return root;
}

/** Hashes of frozen commits (decoded ones are), for the same reason as `txsHashes`. */
const commitHashes = new WeakMap<Commit, Uint8Array>();

export function lastCommitHashOf(commit: Commit | null): Uint8Array {
  const frozen = commit !== null && Object.isFrozen(commit) && Object.isFrozen(commit.signatures);
  const known = frozen ? commitHashes.get(commit) : undefined;
  if (known !== undefined) return known.slice();
  const hash = sha256(encodeCbor(commit === null ? null : commitToCbor(commit)));
  if (frozen) commitHashes.set(commit, hash.slice());
  return hash;
}

export function evidenceHashOf(evidence: readonly DuplicateVoteEvidence[]): Uint8Array {
  return merkleRoot(evidence.map((e) => encodeCbor(evidenceToCbor(e))));
}

function readHeader(v: CborValue | undefined): BlockHeader {
  const a = readArray(v, 'header', 12);
  return Object.freeze({
    version: readUint(a[0], 'header.version'),
    chainId: readString(a[1], 'header.chainId', 64),
    height: readUint(a[2], 'header.height'),
    time: readUint(a[3], 'header.time'),
    parentHash: readBytes(a[4], 'header.parentHash', 32),
    stateRoot: readBytes(a[5], 'header.stateRoot', 32),
    txsHash: readBytes(a[6], 'header.txsHash', 32),
    lastResultsHash: readBytes(a[7], 'header.lastResultsHash', 32),
    proposer: readBytes(a[8], 'header.proposer', 32),
    lastCommitHash: readBytes(a[9], 'header.lastCommitHash', 32),
    evidenceHash: readBytes(a[10], 'header.evidenceHash', 32),
    validatorsHash: readBytes(a[11], 'header.validatorsHash', 32),
  });
}

/** A header alone, strictly (canonical CBOR): what a light client (a region's bridge) checks. */
export function decodeHeader(bytes: Uint8Array): BlockHeader {
  return readHeader(decodeCbor(bytes));
}

export function decodeBlock(bytes: Uint8Array): Block {
  const a = readArray(decodeCbor(bytes), 'block', 4);
  const txs = readArray(a[1], 'block.txs').map((t, i) => readBytes(t, `block.txs[${i}]`));
  const lastCommit = a[2] === null ? null : readCommit(a[2], 'block.lastCommit');
  const evidence = readArray(a[3], 'block.evidence').map((e, i) => readEvidence(e, `block.evidence[${i}]`));
  return Object.freeze({ header: readHeader(a[0]), txs: Object.freeze(txs), lastCommit, evidence: Object.freeze(evidence) });
}

export function encodeResults(r: BlockResults): Uint8Array {
  return encodeCbor([r.txs.map((t) => [t.hash, t.code, t.events.map(eventToCbor)]), r.blockEvents.map(eventToCbor)]);
}

export function resultsHash(r: BlockResults): Uint8Array {
  return sha256(encodeResults(r));
}

function readEvent(v: CborValue | undefined, path: string): ChainEvent {
  const a = readArray(v, path, 3);
  const raw = a[2];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) {
    throw new ChainError('CODEC_WRONG_TYPE', `${path}.data: expected a map`);
  }
  const data: Record<string, EventValue> = {};
  for (const [k, val] of Object.entries(raw as { readonly [key: string]: CborValue })) {
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
      throw new ChainError('CODEC_WRONG_TYPE', `${path}.data.${k}: expected a string, integer or boolean`);
    }
    data[k] = val;
  }
  return { module: readString(a[0], `${path}.module`, 64), name: readString(a[1], `${path}.name`, 64), data };
}

function readCode(v: CborValue | undefined, path: string): TxCode {
  const s = readString(v, path, 64);
  if (s !== 'OK' && !(s in ERROR_CODES)) throw new ChainError('CODEC_WRONG_TYPE', `${path}: unknown result code ${s}`);
  return s as TxCode;
}

export function decodeResults(bytes: Uint8Array): BlockResults {
  const a = readArray(decodeCbor(bytes), 'results', 2);
  const txs: TxResult[] = readArray(a[0], 'results.txs').map((t, i) => {
    const r = readArray(t, `results.txs[${i}]`, 3);
    return {
      hash: readBytes(r[0], `results.txs[${i}].hash`, 32),
      code: readCode(r[1], `results.txs[${i}].code`),
      events: readArray(r[2], `results.txs[${i}].events`).map((e, j) => readEvent(e, `results.txs[${i}].events[${j}]`)),
    };
  });
  const blockEvents = readArray(a[1], 'results.blockEvents').map((e, j) => readEvent(e, `results.blockEvents[${j}]`));
  return { txs, blockEvents };
}
