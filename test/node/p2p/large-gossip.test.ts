/**
 * Messages over 4 MiB between two P2pHosts on loopback (validators 0 and 1 of the test genesis).
 * Two 4 MiB limits sit under ours: gossipsub's sender frames an RPC with at most 4 MiB and drops a
 * bigger one silently, and lpStream's read buffer aborts a stream past 4 MiB whatever its
 * maxDataLength. A block may hold maxBlockBytes (4 MiB) of txs, so a full block's proposal must
 * still arrive, a batch of txs over 4 MiB too (a tx may be 64 KiB, a batch 1,000 txs), and block
 * sync must fetch a range over 4 MiB.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { blockHash, encodeBlock } from '../../../chain/block/block-codec.ts';
import { encodeSignedProposal } from '../../../chain/consensus/message-codec.ts';
import type { NodeMessage } from '../../../chain/node/node-messages.ts';
import { P2pHost, type P2pHostOptions } from '../../../chain/node/p2p/p2p-host.ts';
import { libp2pKeyOf, peerIdOfPublicKey } from '../../../chain/node/p2p/peer-key.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { makeBlock } from '../../consensus/fixtures.ts';
import { gossipContext, p2pGenesis, p2pValidatorSecret, signProposal, signVote, waitFor } from '../../fixtures/p2p-net.ts';
import { signedTx, testKey } from '../../fixtures/test-chain.ts';

const genesis = p2pGenesis();
const CHAIN = genesis.chainId;

async function startHost(i: number, peers: readonly string[], serveRange: P2pHostOptions['serveRange'] = () => Promise.resolve({ blocks: [], commit: null })): Promise<P2pHost> {
  return P2pHost.start({
    chainId: CHAIN,
    privateKey: libp2pKeyOf(p2pValidatorSecret(i)),
    listen: ['127.0.0.1:0'],
    peers,
    validatorPeers: new Map(genesis.validators.map((v) => [peerIdOfPublicKey(v.publicKey), v.name])),
    validation: gossipContext(genesis),
    logger: SILENT_LOGGER,
    tip: () => ({ height: 0, hash: new Uint8Array(32) }),
    serveRange,
  });
}

describe('p2p: messages over 4 MiB', function () {
  this.timeout(30_000);
  let a: P2pHost | undefined;
  let b: P2pHost | undefined;
  const received: NodeMessage[] = [];

  // Host a serves one block of 4,200,000 bytes of txs with its commit, whatever is asked.
  const bigBlock = (() => {
    const base = makeBlock(1);
    return { ...base, header: { ...base.header, chainId: CHAIN }, txs: Array.from({ length: 42 }, () => new Uint8Array(randomBytes(100_000))) };
  })();
  const bigCommit = { height: 1, round: 0, blockHash: blockHash(bigBlock.header), signatures: [{ validator: 0, signature: new Uint8Array(64) }] };

  before(async () => {
    a = await startHost(0, [], () => Promise.resolve({ blocks: [bigBlock], commit: bigCommit }));
    b = await startHost(1, a.addresses);
    b.onMessage((m) => received.push(m));
    // Gossip is up once a vote goes through (subscriptions are exchanged after the connection).
    let round = 0;
    const up = await waitFor(() => {
      a!.publish({ kind: 'vote', vote: signVote(CHAIN, { type: 'prevote', height: 1, round: round++, blockHash: null, validator: 0 }, p2pValidatorSecret(0)) });
      return received.some((m) => m.kind === 'vote');
    }, 10_000, 100);
    expect(up, 'a small vote arrives').to.equal(true);
  });

  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('the proposal of a block with 4,200,000 bytes of txs arrives', async () => {
    const base = makeBlock(5);
    const block = { ...base, header: { ...base.header, chainId: CHAIN }, txs: Array.from({ length: 42 }, () => new Uint8Array(randomBytes(100_000))) };
    const p = signProposal(CHAIN, { height: 5, round: 0, validRound: -1, block, blockHash: blockHash(block.header), proposer: 0 }, p2pValidatorSecret(0));
    expect(encodeSignedProposal(p).length).to.be.above(4 * 1024 * 1024);
    a!.publish({ kind: 'proposal', proposal: p });
    const got = await waitFor(() => received.some((m) => m.kind === 'proposal'), 10_000);
    expect(got, 'the proposal arrived').to.equal(true);
    const m = received.find((x) => x.kind === 'proposal');
    if (m?.kind === 'proposal') expect(encodeSignedProposal(m.proposal)).to.deep.equal(encodeSignedProposal(p));
  });

  it('a batch of 70 txs of ~60 KB (4.2 MB) arrives whole, in pieces each under the limits', async () => {
    const alice = testKey('alice');
    const txs = Array.from({ length: 70 }, (_, i) => signedTx(alice, 'ledger', 'blob', new Uint8Array(randomBytes(60_000)), { nonce: i, chainId: CHAIN }));
    a!.publish({ kind: 'txs', txs });
    const count = (): number => received.reduce((n, m) => n + (m.kind === 'txs' ? m.txs.length : 0), 0);
    expect(await waitFor(() => count() >= 70, 10_000), `txs received: ${count()}`).to.equal(true);
    const got = received.flatMap((m) => (m.kind === 'txs' ? [...m.txs] : []));
    expect(got.map((t) => Buffer.from(t).toString('hex'))).to.have.members(txs.map((t) => Buffer.from(t).toString('hex')));
  });

  it('block sync fetches a range of over 4 MiB', async () => {
    const range = await b!.blockSource().fetch(a!.peerId, 1, 1);
    expect(range.blocks.map((x) => encodeBlock(x))).to.deep.equal([encodeBlock(bigBlock)]);
    expect(range.commit).to.deep.equal(bigCommit);
  });
});
