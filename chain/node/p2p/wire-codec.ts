/**
 * The bytes of node messages on the wire. Gossip topics carry one kind each (the topic names the
 * kind, the payload is the consensus codec's canonical encoding, or for `anchor-sigs` the anchor
 * message codec of chain/node/anchor/anchor-messages.ts); the direct protocol (a message
 * to one peer) carries `[kind, payload]`. Decoding is the consensus codecs' strict decoding, so
 * a peer's bytes are parsed once, at the edge, into frozen values; anything else is a
 * P2P_BAD_MESSAGE (the CODEC_/CONS_ cause in the message).
 */
import { decodeCbor, encodeCbor } from '../../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../../codec/read.ts';
import { isChainError } from '../../errors.ts';
import { decodeBlock, encodeBlock } from '../../block/block-codec.ts';
import {
  decodeCommit,
  decodeEvidence,
  decodeSignedProposal,
  decodeSignedVote,
  encodeCommit,
  encodeEvidence,
  encodeSignedProposal,
  encodeSignedVote,
} from '../../consensus/message-codec.ts';
import type { NodeMessage } from '../node-messages.ts';
import { decodeAnchorSignatures, encodeAnchorSignatures } from '../anchor/anchor-messages.ts';
import { p2pError } from './p2p-errors.ts';

export const MESSAGE_KINDS = ['proposal', 'vote', 'evidence', 'txs', 'sync-request', 'sync-block', 'anchor-sigs'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The payload of a message, without its kind (what a gossip topic of that kind carries). */
export function encodePayload(m: NodeMessage): Uint8Array {
  switch (m.kind) {
    case 'proposal':
      return encodeSignedProposal(m.proposal);
    case 'vote':
      return encodeSignedVote(m.vote);
    case 'evidence':
      return encodeEvidence(m.evidence);
    case 'txs':
      return encodeCbor(m.txs);
    case 'sync-request':
      return encodeCbor(m.height);
    case 'sync-block':
      return encodeCbor([encodeBlock(m.block), encodeCommit(m.commit)]);
    case 'anchor-sigs':
      return encodeAnchorSignatures(m.sigs);
  }
}

/** Parses the payload of a message of `kind`; throws P2P_BAD_MESSAGE. */
export function decodePayload(kind: MessageKind, bytes: Uint8Array, maxTxs = 100_000): NodeMessage {
  try {
    switch (kind) {
      case 'proposal':
        return Object.freeze({ kind, proposal: decodeSignedProposal(bytes) });
      case 'vote':
        return Object.freeze({ kind, vote: decodeSignedVote(bytes) });
      case 'evidence':
        return Object.freeze({ kind, evidence: decodeEvidence(bytes) });
      case 'txs': {
        const items = readArray(decodeCbor(bytes), 'txs');
        if (items.length > maxTxs) throw p2pError('P2P_BAD_MESSAGE', `a tx batch of ${items.length} txs (at most ${maxTxs})`);
        return Object.freeze({ kind, txs: Object.freeze(items.map((t, i) => readBytes(t, `txs[${i}]`))) });
      }
      case 'sync-request':
        return Object.freeze({ kind, height: readUint(decodeCbor(bytes), 'sync-request.height') });
      case 'sync-block': {
        const a = readArray(decodeCbor(bytes), 'sync-block', 2);
        return Object.freeze({ kind, block: decodeBlock(readBytes(a[0], 'sync-block.block')), commit: decodeCommit(readBytes(a[1], 'sync-block.commit')) });
      }
      case 'anchor-sigs':
        return Object.freeze({ kind, sigs: decodeAnchorSignatures(bytes) });
    }
  } catch (e) {
    if (isChainError(e) && e.code !== 'P2P_BAD_MESSAGE') throw p2pError('P2P_BAD_MESSAGE', `${kind}: ${e.message} (${e.code})`, { cause: e.code });
    throw e;
  }
}

/** A whole message, for the direct protocol. */
export function encodeMessage(m: NodeMessage): Uint8Array {
  return encodeCbor([m.kind, encodePayload(m)]);
}

export function decodeMessage(bytes: Uint8Array): NodeMessage {
  let kind: MessageKind;
  let payload: Uint8Array;
  try {
    const a = readArray(decodeCbor(bytes), 'message', 2);
    const k = readString(a[0], 'message.kind', 16);
    const known = MESSAGE_KINDS.find((x) => x === k);
    if (known === undefined) throw p2pError('P2P_BAD_MESSAGE', `unknown message kind ${JSON.stringify(k)}`);
    kind = known;
    payload = readBytes(a[1], 'message.payload');
  } catch (e) {
    if (isChainError(e) && e.code !== 'P2P_BAD_MESSAGE') throw p2pError('P2P_BAD_MESSAGE', `${e.message} (${e.code})`, { cause: e.code });
    throw e;
  }
  return decodePayload(kind, payload);
}
