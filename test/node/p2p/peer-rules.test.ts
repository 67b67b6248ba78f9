/**
 * The host's own peer rules without sockets: penalties add up, decay and lead to a ban that ends;
 * range and status bytes from a peer are parsed strictly (SYNC_BAD_RANGE, clamped requests); a
 * typo in --peers stops the host before it starts (P2P_BAD_ADDRESS).
 */
import { expect } from 'chai';
import { encodeCbor } from '../../../chain/codec/cbor.ts';
import { isChainError } from '../../../chain/errors.ts';
import { BAN_MS, DISCONNECT_SCORE } from '../../../chain/node/p2p/gossip-config.ts';
import { P2pHost } from '../../../chain/node/p2p/p2p-host.ts';
import { OFFENSE_PENALTY, PeerDiscipline } from '../../../chain/node/p2p/peer-discipline.ts';
import { decodeRange, decodeRangeRequest, decodeStatus, encodeRange, encodeStatus } from '../../../chain/node/p2p/range-codec.ts';
import { SYNC_RANGE_BLOCKS } from '../../../chain/node/sync/block-source.ts';
import { serveRange } from '../../../chain/node/sync/serve-range.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { buildSyncChain } from '../../fixtures/synced-chain.ts';

async function codeOf(f: () => unknown): Promise<string | undefined> {
  try {
    await f();
  } catch (e) {
    return isChainError(e) ? e.code : `not a ChainError: ${String(e)}`;
  }
  return undefined;
}

describe('p2p: peer discipline', () => {
  it('two offences take a peer to the disconnect score; the ban lasts BAN_MS', () => {
    let now = 1_000;
    const d = new PeerDiscipline(() => now);
    d.penalize('p');
    expect(d.judge('p', 0)).to.deep.equal({ score: -OFFENSE_PENALTY, ban: false });
    d.penalize('p');
    const second = d.judge('p', 0);
    expect(second.ban).to.equal(true);
    expect(second.score).to.be.at.most(DISCONNECT_SCORE);
    expect(d.isBanned('p')).to.equal(true);
    expect(d.isBanned('q')).to.equal(false);
    now += BAN_MS;
    expect(d.isBanned('p')).to.equal(false);
  });

  it('gossipsub alone can ban (its score is the lower one); own penalties decay away', () => {
    const d = new PeerDiscipline(() => 0);
    expect(d.judge('g', DISCONNECT_SCORE - 1).ban).to.equal(true);
    d.penalize('p');
    d.decay();
    expect(d.penaltyOf('p')).to.be.closeTo(OFFENSE_PENALTY * 0.9, 1e-9);
    for (let i = 0; i < 60; i++) d.decay();
    expect(d.penaltyOf('p')).to.equal(0);
  });
});

describe('p2p: range and status bytes', () => {
  it('a served range round-trips; more blocks than asked or garbage is SYNC_BAD_RANGE', async () => {
    const store = await buildSyncChain({ blocks: 5 });
    const range = await serveRange(store, 1, 5);
    const back = decodeRange(encodeRange(range), 5);
    expect(back.blocks.map((b) => b.header.height)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(back.commit?.height).to.equal(5);
    expect(await codeOf(() => decodeRange(encodeRange(range), 4))).to.equal('SYNC_BAD_RANGE');
    expect(await codeOf(() => decodeRange(new Uint8Array([1, 2, 3]), 5))).to.equal('SYNC_BAD_RANGE');
    expect(await codeOf(() => decodeRange(encodeCbor([[new Uint8Array([9])], null]), 5))).to.equal('SYNC_BAD_RANGE');
  });

  it('a range request is clamped to 1.. and SYNC_RANGE_BLOCKS; status keeps height and hash', async () => {
    expect(decodeRangeRequest(encodeCbor([0, 10_000]))).to.deep.equal({ from: 1, count: SYNC_RANGE_BLOCKS });
    expect(await codeOf(() => decodeRangeRequest(encodeCbor([-1, 2])))).to.match(/^CODEC_/);
    const hash = new Uint8Array(32).fill(7);
    expect(decodeStatus(encodeStatus(42, hash))).to.deep.equal({ height: 42, hash });
    expect(await codeOf(() => decodeStatus(encodeCbor([42, new Uint8Array(31)])))).to.match(/^CODEC_/);
  });
});

describe('p2p: host start-up', () => {
  it('a malformed --peers address is P2P_BAD_ADDRESS before anything listens', async () => {
    const code = await codeOf(() =>
      P2pHost.start({
        chainId: 'x',
        privateKey: undefined as never,
        listen: ['127.0.0.1:0'],
        peers: ['127.0.0.1:0', 'not an address'],
        validatorPeers: new Map(),
        validation: { chainId: 'x', validatorsHash: new Uint8Array(32), validatorKeys: [], verifier: { verifyAll: async () => [] }, maxTxBytes: 1, maxBlockBytes: 1, maxBlockTxs: 1 },
        logger: SILENT_LOGGER,
        tip: () => ({ height: 0, hash: new Uint8Array(32) }),
        serveRange: async () => ({ blocks: [], commit: null }),
      }),
    );
    expect(code).to.equal('P2P_BAD_ADDRESS');
  });
});
