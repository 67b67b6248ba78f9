/**
 * The wire format of node messages: every kind round-trips byte for byte, through its topic's
 * payload (encodePayload / decodePayload) and as a direct message ([kind, payload]); decoded
 * messages are frozen; anything malformed is P2P_BAD_MESSAGE naming the codec's cause. And
 * parseAddress: multiaddrs and HOST:PORT (IPv4, DNS, [IPv6]) become TCP multiaddrs, anything else
 * is P2P_BAD_ADDRESS.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { blockHash } from '../../../chain/block/block-codec.ts';
import { encodeCbor } from '../../../chain/codec/cbor.ts';
import { duplicateVoteEvidence } from '../../../chain/consensus/duplicate-vote-evidence.ts';
import type { SignedVote } from '../../../chain/consensus/messages.ts';
import { isChainError } from '../../../chain/errors.ts';
import type { NodeMessage } from '../../../chain/node/node-messages.ts';
import { parseAddress } from '../../../chain/node/p2p/peer-address.ts';
import { MESSAGE_KINDS, decodeMessage, decodePayload, encodeMessage, encodePayload, type MessageKind } from '../../../chain/node/p2p/wire-codec.ts';
import { makeBlock } from '../../consensus/fixtures.ts';
import { codeOf } from '../../fixtures/expect-code.ts';

const rnd = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const vote = (o: Partial<SignedVote> = {}): SignedVote => ({ type: 'precommit', height: 9, round: 2, blockHash: rnd(32), validator: 3, signature: rnd(64), ...o });

function samples(): NodeMessage[] {
  const block = { ...makeBlock(9), txs: [rnd(100), rnd(3)] };
  const commit = { height: 9, round: 2, blockHash: blockHash(block.header), signatures: [0, 2, 3].map((validator) => ({ validator, signature: rnd(64) })) };
  return [
    { kind: 'proposal', proposal: { height: 9, round: 2, validRound: 1, block, blockHash: blockHash(block.header), proposer: 1, signature: rnd(64) } },
    { kind: 'vote', vote: vote() },
    { kind: 'vote', vote: vote({ type: 'prevote', blockHash: null }) },
    { kind: 'evidence', evidence: duplicateVoteEvidence(vote(), vote({ blockHash: null, signature: rnd(64) })) },
    { kind: 'txs', txs: [rnd(10), rnd(200), new Uint8Array(0)] },
    { kind: 'sync-request', height: 12 },
    { kind: 'sync-block', block, commit },
    {
      kind: 'anchor-sigs',
      sigs: {
        certificate: { chainId: 'tfr-wire-1', height: 50, blockHash: rnd(32), stateRoot: rnd(32), validatorsHash: rnd(32) },
        signatures: [0, 7, 98].map((signer) => ({ signer, signature: rnd(96) })),
      },
    },
  ];
}

/** The P2P_BAD_MESSAGE a call throws, with its message. */
function badMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (!isChainError(e)) throw e;
    expect(e.code, e.message).to.equal('P2P_BAD_MESSAGE');
    return e.message;
  }
  return expect.fail('expected P2P_BAD_MESSAGE, got success');
}

describe('p2p: wire codec', () => {
  it('covers every message kind', () => {
    expect(new Set(samples().map((m) => m.kind))).to.deep.equal(new Set(MESSAGE_KINDS));
  });

  it('payloads and direct messages round-trip byte for byte, into frozen messages', () => {
    for (const m of samples()) {
      const payload = encodePayload(m);
      const fromPayload = decodePayload(m.kind, payload);
      expect(Object.isFrozen(fromPayload), m.kind).to.equal(true);
      expect(fromPayload.kind).to.equal(m.kind);
      expect(encodePayload(fromPayload), m.kind).to.deep.equal(payload);
      const whole = encodeMessage(m);
      const fromWhole = decodeMessage(whole);
      expect(encodeMessage(fromWhole), m.kind).to.deep.equal(whole);
      expect(fromWhole).to.deep.equal(fromPayload);
    }
    // Values survive, not only bytes.
    const v = vote();
    expect(decodePayload('vote', encodePayload({ kind: 'vote', vote: v }))).to.deep.equal({ kind: 'vote', vote: v });
    expect(decodeMessage(encodeMessage({ kind: 'sync-request', height: 12 }))).to.deep.equal({ kind: 'sync-request', height: 12 });
  });

  it('malformed payloads are P2P_BAD_MESSAGE with the codec cause', () => {
    for (const kind of MESSAGE_KINDS) expect(badMessage(() => decodePayload(kind, rnd(37)))).to.match(new RegExp(`^${kind}: `));
    // A well-formed message of one kind is garbage to another.
    const voteBytes = encodePayload({ kind: 'vote', vote: vote() });
    for (const kind of MESSAGE_KINDS.filter((k) => k !== 'vote')) expect(codeOf(() => decodePayload(kind, voteBytes)), kind).to.equal('P2P_BAD_MESSAGE');
    // Trailing bytes, a truncated vote, a short signature.
    expect(codeOf(() => decodePayload('vote', new Uint8Array([...voteBytes, 0])))).to.equal('P2P_BAD_MESSAGE');
    expect(codeOf(() => decodePayload('vote', voteBytes.subarray(0, voteBytes.length - 1)))).to.equal('P2P_BAD_MESSAGE');
    expect(badMessage(() => decodePayload('vote', encodePayload({ kind: 'vote', vote: vote({ signature: rnd(63) }) })))).to.match(/vote\.signature/);
    // A proposal's validRound must be below its round (CONS_MALFORMED underneath).
    const p = samples()[0]!;
    if (p.kind !== 'proposal') throw new Error('sample order');
    expect(badMessage(() => decodePayload('proposal', encodePayload({ kind: 'proposal', proposal: { ...p.proposal, validRound: 2 } })))).to.match(/CONS_MALFORMED/);
    // Evidence of two votes that do not conflict.
    const same = vote();
    expect(codeOf(() => decodePayload('evidence', encodeCbor([encodeCbor(0), encodeCbor(0)])))).to.equal('P2P_BAD_MESSAGE');
    expect(codeOf(() => decodePayload('evidence', encodePayload({ kind: 'evidence', evidence: { a: same, b: same } })))).to.equal('P2P_BAD_MESSAGE');
    // txs: not an array, an item not bytes, more items than the cap.
    expect(codeOf(() => decodePayload('txs', encodeCbor(5)))).to.equal('P2P_BAD_MESSAGE');
    expect(codeOf(() => decodePayload('txs', encodeCbor([rnd(3), 'text'])))).to.equal('P2P_BAD_MESSAGE');
    expect(badMessage(() => decodePayload('txs', encodeCbor([rnd(1), rnd(1), rnd(1)]), 2))).to.equal('a tx batch of 3 txs (at most 2)');
    expect(decodePayload('txs', encodeCbor([rnd(1), rnd(1)]), 2).kind).to.equal('txs');
  });

  it('malformed direct messages are P2P_BAD_MESSAGE', () => {
    const payload = encodePayload({ kind: 'sync-request', height: 1 });
    expect(badMessage(() => decodeMessage(rnd(20)))).to.be.a('string');
    expect(badMessage(() => decodeMessage(encodeCbor(['gossip', payload])))).to.equal('unknown message kind "gossip"');
    expect(codeOf(() => decodeMessage(encodeCbor(['vote'])))).to.equal('P2P_BAD_MESSAGE');
    expect(codeOf(() => decodeMessage(encodeCbor(['sync-request', payload, 1])))).to.equal('P2P_BAD_MESSAGE');
    expect(codeOf(() => decodeMessage(encodeCbor([7, payload])))).to.equal('P2P_BAD_MESSAGE');
    expect(codeOf(() => decodeMessage(encodeCbor(['sync-request', 'not bytes'])))).to.equal('P2P_BAD_MESSAGE');
    // A known kind whose payload is another kind's.
    expect(codeOf(() => decodeMessage(encodeCbor(['vote' satisfies MessageKind, payload])))).to.equal('P2P_BAD_MESSAGE');
  });
});

describe('p2p: parseAddress', () => {
  it('accepts TCP multiaddrs and HOST:PORT', () => {
    const cases: Array<[string, string]> = [
      ['127.0.0.1:26656', '/ip4/127.0.0.1/tcp/26656'],
      ['0.0.0.0:0', '/ip4/0.0.0.0/tcp/0'],
      ['node-1.example.org:65535', '/dns/node-1.example.org/tcp/65535'],
      ['localhost:1', '/dns/localhost/tcp/1'],
      ['[::1]:26656', '/ip6/::1/tcp/26656'],
      ['/ip4/10.0.0.2/tcp/26656', '/ip4/10.0.0.2/tcp/26656'],
      ['/dns4/a.example/tcp/7/p2p/12D3KooWHx3dLuUH3HNbXDn5BWdYzjhgjfUn98WnPV2WkBQr7bYA', '/dns4/a.example/tcp/7/p2p/12D3KooWHx3dLuUH3HNbXDn5BWdYzjhgjfUn98WnPV2WkBQr7bYA'],
    ];
    for (const [input, expected] of cases) expect(parseAddress(input).toString(), input).to.equal(expected);
  });

  it('anything else is P2P_BAD_ADDRESS', () => {
    for (const bad of ['', 'localhost', '127.0.0.1', '127.0.0.1:', '127.0.0.1:65536', '127.0.0.1:123456', ':26656', 'host name:1', '[::1]', '[not-ipv6]:1', '/ip4/1.2.3.4/udp/1', '/ip4/1.2.3.4', '/ip4/999.1.1.1/tcp/1', '/nonsense/x', 'tcp://1.2.3.4:5']) {
      expect(codeOf(() => parseAddress(bad)), JSON.stringify(bad)).to.equal('P2P_BAD_ADDRESS');
    }
  });
});
