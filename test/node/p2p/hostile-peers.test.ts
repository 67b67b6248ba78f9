/**
 * Hostile peers against 4 validators on the real network (libp2p over loopback TCP, in this
 * process). Each case starts a fresh hostile node (a banned one could not test the next case),
 * connects it to every validator, lets it misbehave, and checks at every validator that:
 * - the offense was seen as such (the host's log names the peer and the reason);
 * - the peer was disconnected (gone from the peers list) within a few seconds, on a score at or
 *   below DISCONNECT_SCORE: gossipsub's own score for gossip offenses (they carry no penalty of the
 *   host's), for garbage on our protocols GET /net's score went negative after the first one;
 * - it stays banned: a redial is refused or dropped, and no validator lists it again.
 * Afterwards the honest validators still commit, and agree on every block.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { blockHash, encodeBlock } from '../../../chain/block/block-codec.ts';
import { toHex } from '../../../chain/codec/bytes.ts';
import { encodeSignedProposal, encodeSignedVote } from '../../../chain/consensus/message-codec.ts';
import type { Vote } from '../../../chain/consensus/messages.ts';
import { DISCONNECT_SCORE } from '../../../chain/node/p2p/gossip-config.ts';
import { blocksProtocol, directProtocol } from '../../../chain/node/p2p/protocols.ts';
import type { LogEntry } from '../../../chain/ports/memory-logger.ts';
import { startHostilePeer, type HostilePeer } from '../../fixtures/hostile-peer.ts';
import { forgedVote, p2pValidatorSecret, signVote, startValidatorNet, waitFor, type ValidatorNet } from '../../fixtures/p2p-net.ts';

const OTHER_CHAIN = 'tfr-other-1';

const rnd = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const prevote = (height: number, validator: number): Vote => ({ type: 'prevote', height, round: 0, blockHash: rnd(32), validator });

interface Case {
  readonly name: string;
  attack(h: HostilePeer, net: ValidatorNet): Promise<void>;
  /** Offenses on gossip topics (else on our request protocols: requestGarbage checks the score). */
  readonly gossip: boolean;
  /** Log entries each validator must have written about the peer's offenses (one each). */
  readonly offenses: ReadonlyArray<(e: LogEntry) => boolean>;
}

const rejected = (kind: string, reason: RegExp) => (e: LogEntry): boolean => e.message === 'rejected a gossip message' && e.fields['kind'] === kind && reason.test(String(e.fields['reason']));
const penalized = (why: RegExp) => (e: LogEntry): boolean => e.message === 'penalized a peer' && why.test(String(e.fields['why']));

/** Each validator's own address (one listen address each, on 127.0.0.1). */
const addressesOf = (net: ValidatorNet): string[] => net.nodes.map((n) => n.host.addresses[0]!);

/** Publishes each message; each must have gone to all 4 validators. */
async function publishAll(h: HostilePeer, kind: 'vote' | 'proposal' | 'txs', messages: readonly Uint8Array[]): Promise<void> {
  for (const m of messages) expect((await h.publish(kind, m)).length, 'recipients').to.equal(4);
}

/**
 * Garbage on a request protocol to every validator: once, until every validator shows the peer's
 * gossipsub score negative (the host feeds its own penalties to gossipsub as the app-specific
 * score, which gossipsub recomputes at most once a second), then twice more, which bans it. The
 * later sends may find the peer already disconnected.
 */
async function requestGarbage(h: HostilePeer, net: ValidatorNet, protocol: string): Promise<void> {
  const send = (size: number): Promise<unknown> => Promise.all(addressesOf(net).map((a) => h.sendRequest(a, protocol, rnd(size))));
  await send(50);
  const negative = (): boolean => net.nodes.every((n) => (n.host.info(false).peers.find((p) => p.peerId === h.peerId)?.score ?? 0) < 0);
  expect(await waitFor(negative, 5000), 'score negative after one offense').to.equal(true);
  await send(51).catch(() => undefined);
  await send(52).catch(() => undefined);
}

const CASES: readonly Case[] = [
  {
    name: 'garbage bytes on the vote topic',
    attack: (h) => publishAll(h, 'vote', [rnd(40), rnd(41), rnd(42)]),
    gossip: true,
    offenses: [rejected('vote', /^vote: /)],
  },
  {
    name: 'oversized messages: 600 bytes on the vote topic (limit 512)',
    attack: (h) => publishAll(h, 'vote', [rnd(600), rnd(601)]),
    gossip: true,
    offenses: [rejected('vote', /^vote of 60[01] bytes is over the limit$/)],
  },
  {
    // Two: one invalid message costs -20 on its topic, short of the -50 that disconnects.
    name: 'oversized messages: 5 MB on the txs topic (limit 4 MiB + 64 KiB)',
    attack: async (h, net) => {
      for (const size of [5_000_000, 5_000_001]) await Promise.all(addressesOf(net).map((a) => h.publishRaw(a, 'txs', rnd(size))));
    },
    gossip: true,
    offenses: [rejected('txs', /^txs of 500000[01] bytes is over the limit$/)],
  },
  {
    name: 'votes of another chain, signed by real validator keys (the domain names the chain id)',
    attack: (h) => publishAll(h, 'vote', [0, 1, 2].map((v) => encodeSignedVote(signVote(OTHER_CHAIN, prevote(1 + v, v), p2pValidatorSecret(v))))),
    gossip: true,
    offenses: [rejected('vote', /^bad vote signature$/)],
  },
  {
    name: 'votes with forged signatures (valid encoding, validator in range)',
    attack: (h) => publishAll(h, 'vote', [0, 1, 2].map((v) => encodeSignedVote(forgedVote(prevote(5, v))))),
    gossip: true,
    offenses: [rejected('vote', /^bad vote signature$/)],
  },
  {
    name: 'votes of validator 99 (out of range)',
    attack: (h, net) => publishAll(h, 'vote', [1, 2, 3].map((r) => encodeSignedVote(signVote(net.genesis.chainId, { ...prevote(5, 99), round: r }, p2pValidatorSecret(0))))),
    gossip: true,
    offenses: [rejected('vote', /^voter 99 is not a validator$/)],
  },
  {
    name: 'proposals with bad signatures (a real block of the chain)',
    attack: async (h, net) => {
      const block = await net.nodes[0]!.main.store.blocks.block(1);
      if (block === undefined) throw new Error('no block 1');
      const proposals = [1, 2, 3].map((round) =>
        encodeSignedProposal({ height: 1, round, validRound: -1, block, blockHash: blockHash(block.header), proposer: round, signature: rnd(64) }),
      );
      await publishAll(h, 'proposal', proposals);
    },
    gossip: true,
    offenses: [rejected('proposal', /^bad proposal signature$/)],
  },
  {
    name: 'garbage on the direct protocol',
    attack: (h, net) => requestGarbage(h, net, directProtocol(net.genesis.chainId)),
    gossip: false,
    offenses: [penalized(/^direct: P2P_BAD_MESSAGE$/)],
  },
  {
    name: 'garbage on the blocks (sync) protocol',
    attack: (h, net) => requestGarbage(h, net, blocksProtocol(net.genesis.chainId)),
    gossip: false,
    offenses: [penalized(/^blocks request: CODEC_/)],
  },
];

describe('p2p: hostile peers against 4 validators on loopback TCP', function () {
  this.timeout(60_000);
  let dir = '';
  let net: ValidatorNet | undefined;
  let heightBefore = 0;

  before(async function () {
    this.timeout(30_000);
    dir = await mkdtemp(join(tmpdir(), 'tfr-hostile-'));
    net = await startValidatorNet(dir);
    const n = net;
    expect(await waitFor(() => Math.min(...n.heights()) >= 2, 20_000), `heights ${n.heights().join(',')}`).to.equal(true);
    heightBefore = Math.max(...n.heights());
  });

  after(async () => {
    await net?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.name}: disconnected, score negative before, banned after`, async () => {
      const n = net!;
      const hostile = await startHostilePeer(n.genesis.chainId);
      try {
        const addresses = addressesOf(n);
        await hostile.connect(addresses);
        const listed = (i: number): boolean => n.nodes[i]!.host.info(false).peers.some((p) => p.peerId === hostile.peerId);
        expect(n.nodes.map((_, i) => listed(i)), 'every validator lists the new peer').to.deep.equal([true, true, true, true]);
        await c.attack(hostile, n);
        const gone = await waitFor(() => n.nodes.every((_, i) => !listed(i)), 8000);
        expect(gone, `disconnected by every validator; logs: ${JSON.stringify(n.logs.map((l) => l.entries.filter((e) => e.fields['peer'] === hostile.peerId).map((e) => [e.message, e.fields])))}`).to.equal(true);
        for (let i = 0; i < n.nodes.length; i++) {
          const mine = n.logs[i]!.entries.filter((e) => e.fields['peer'] === hostile.peerId);
          for (const offense of c.offenses) expect(mine.some(offense), `validator ${i} logged the offense: ${JSON.stringify(mine.map((e) => [e.message, e.fields]))}`).to.equal(true);
          const ban = mine.find((e) => e.message === 'disconnected a misbehaving peer');
          expect(ban, `validator ${i} logged the disconnect`).to.not.equal(undefined);
          // The score the host disconnected on: min(gossipsub's score, -own penalty). Gossip offenses
          // carry no own penalty, so there it is gossipsub's score, taken before the hang-up.
          expect(Number(ban!.fields['score'])).to.be.at.most(DISCONNECT_SCORE);
          if (c.gossip) expect(mine.filter((e) => e.message === 'penalized a peer'), 'own penalties').to.deep.equal([]);
        }
        // Banned: redials are refused or dropped, and nobody lists the peer again.
        expect(await Promise.all(addresses.map((a) => hostile.redial(a, 500)))).to.deep.equal([false, false, false, false]);
        const relisted = n.nodes.map((node) => node.host.info(false).peers.filter((p) => p.peerId === hostile.peerId));
        expect(relisted, 'listed again').to.deep.equal([[], [], [], []]);
        expect(hostile.connectedTo()).to.deep.equal([]);
      } finally {
        await hostile.stop();
      }
    });
  }

  it('the honest validators kept committing through the attacks and agree on every block', async () => {
    const n = net!;
    const target = Math.max(...n.heights()) + 3;
    expect(target).to.be.at.least(heightBefore + 3);
    expect(await waitFor(() => Math.min(...n.heights()) >= target, 20_000), `heights ${n.heights().join(',')}`).to.equal(true);
    const top = Math.min(...n.heights());
    for (let h = 1; h <= top; h++) {
      const blocks = await Promise.all(n.nodes.map((node) => node.main.store.blocks.block(h)));
      const encoded = blocks.map((b) => (b === undefined ? 'missing' : toHex(encodeBlock(b))));
      expect(new Set(encoded).size, `height ${h}`).to.equal(1);
      expect(encoded[0]).to.not.equal('missing');
      expect(blocks[0]!.evidence, `evidence at height ${h}`).to.deep.equal([]);
    }
  });
});
