/**
 * The anchor service and its collector, without consensus: 4 validators (threshold 3), anchor
 * interval 3, manual timers for the batch window of signature checks.
 *
 * - local signatures (the process's validators) form the aggregate unverified;
 * - peers' signatures that arrive together are checked with one aggregate verification, and a
 *   forged one falls back to single checks and is rejected alone;
 * - refused or ignored: a forged signature, random bytes, a wrong height, an out-of-set signer,
 *   another chain, another validator set, a duplicate signer (no double weight), signatures of
 *   another block at a height we committed, late signatures for a formed certificate, heights out
 *   of the window (bounded memory);
 * - the libp2p gossip verdicts; aggregates persist across a reopen of the store.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { anchorSetFromGenesis } from '../../../chain/anchor/anchor-set.ts';
import type { Certificate } from '../../../chain/anchor/certificate.ts';
import { signerIndices } from '../../../chain/anchor/signer-bitmap.ts';
import type { Block } from '../../../chain/block/block.ts';
import type { Commit } from '../../../chain/consensus/messages.ts';
import { AnchorService } from '../../../chain/node/anchor/anchor-service.ts';
import type { AnchorSignatures } from '../../../chain/node/anchor/anchor-messages.ts';
import type { CommittedBlock } from '../../../chain/node/driver-types.ts';
import { ManualClock } from '../../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../../chain/ports/manual-timers.ts';
import { MemoryLogger } from '../../../chain/ports/memory-logger.ts';
import { MemoryKvStore } from '../../../chain/state/memory-kv-store.ts';
import { anchorBlsSecret, anchorGenesis, signedBy, signerOf } from './anchor-fixture.ts';

const genesis = anchorGenesis();
const set = anchorSetFromGenesis(genesis);
const rnd = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

function certificate(height: number, o: Partial<Certificate> = {}): Certificate {
  return Object.freeze({ chainId: genesis.chainId, height, blockHash: rnd(32), stateRoot: rnd(32), validatorsHash: set.hash, ...o });
}

/** What the driver's commit listener hands over, for the block of `c`. */
function committed(c: Certificate): CommittedBlock {
  return { height: c.height, round: 0, hash: c.blockHash, block: { header: { stateRoot: c.stateRoot } } as unknown as Block, commit: {} as Commit };
}

interface Harness {
  readonly service: AnchorService;
  readonly kv: MemoryKvStore;
  readonly timers: ManualTimers;
  readonly logger: MemoryLogger;
  /** Delivers messages as the network port would, runs the batch window, waits for the verdicts. */
  deliver(...ms: AnchorSignatures[]): Promise<void>;
}

async function harness(kv = new MemoryKvStore()): Promise<Harness> {
  const timers = new ManualTimers(new ManualClock(0));
  const logger = new MemoryLogger('info');
  const service = await AnchorService.open({ genesis, kv, timers, logger, publish: 'none', defer: (run) => run() });
  return {
    service,
    kv,
    timers,
    logger,
    async deliver(...ms) {
      const done = ms.map((m) => service.receive(m));
      timers.advance(1_000);
      await Promise.all(done);
    },
  };
}

const signersOf = (h: Harness, height: number): number[] => {
  const a = h.service.byHeight(height);
  return a === undefined ? [] : signerIndices(set.validators.length, a.signers);
};

describe('anchoring: the certificate collector', function () {
  this.timeout(60_000);

  it('forms the aggregate from the process’s own signatures without verifying them', async () => {
    const h = await harness();
    for (const i of [0, 1, 2, 3]) h.service.addSigner(i, anchorBlsSecret(i));
    const c = certificate(3);
    h.service.committed(committed(c));
    await h.service.settled();
    const a = h.service.byHeight(3);
    expect(a?.certificate).to.deep.equal(c);
    // Alone on the chain ('none'): it stops signing at the threshold.
    expect(signersOf(h, 3)).to.have.length(3);
    expect(h.service.stats.signatures).to.equal(3);
    expect(h.service.checks.stats).to.deep.equal({ aggregateChecks: 0, singleChecks: 0 });
    expect(h.service.latest(5).map((x) => x.certificate.height)).to.deep.equal([3]);
  });

  it('checks peers’ signatures that arrive together with one aggregate verification', async () => {
    const h = await harness();
    const c = certificate(3);
    h.service.committed(committed(c));
    await h.deliver(signedBy(genesis, c, [0]), signedBy(genesis, c, [1]), signedBy(genesis, c, [3]));
    expect(signersOf(h, 3)).to.deep.equal([0, 1, 3].map((i) => signerOf(genesis, i)).sort());
    expect(h.service.checks.stats).to.deep.equal({ aggregateChecks: 1, singleChecks: 0 });
  });

  it('signatures from before the node committed the block wait for it', async () => {
    const h = await harness();
    const c = certificate(3);
    h.service.collector.noteTip(2);
    await h.deliver(signedBy(genesis, c, [0, 1, 2]));
    expect(h.service.byHeight(3), 'not formed before our own certificate is known').to.equal(undefined);
    h.service.committed(committed(c));
    expect(signersOf(h, 3)).to.have.length(3);
  });

  it('a forged signature is rejected alone: the batch falls back to single checks', async () => {
    const h = await harness();
    const c = certificate(3);
    h.service.committed(committed(c));
    // Validator 1's valid signature, claimed by validator 0's index; and 96 random bytes for validator 2.
    const real1 = signedBy(genesis, c, [1]);
    const stolen: AnchorSignatures = Object.freeze({ certificate: c, signatures: [{ signer: signerOf(genesis, 0), signature: real1.signatures[0]!.signature }] });
    const garbage: AnchorSignatures = Object.freeze({ certificate: c, signatures: [{ signer: signerOf(genesis, 2), signature: rnd(96) }] });
    await h.deliver(stolen, garbage, real1, signedBy(genesis, c, [3]));
    expect(h.service.checks.stats.aggregateChecks).to.equal(1);
    expect(h.service.checks.stats.singleChecks).to.equal(4);
    expect(h.service.byHeight(3), 'only validators 1 and 3 count: below the threshold').to.equal(undefined);
    expect(h.logger.entries.filter((e) => /do not verify/.test(e.message))).to.have.length(2);
    await h.deliver(signedBy(genesis, c, [0]));
    expect(signersOf(h, 3)).to.deep.equal([0, 1, 3].map((i) => signerOf(genesis, i)).sort());
  });

  it('ignores wrong heights, out-of-set signers, other chains, other sets, and counts a duplicate signer once', async () => {
    const h = await harness();
    const c = certificate(3);
    h.service.committed(committed(c));
    const malformed = [
      signedBy(genesis, certificate(4), [0, 1, 2]),
      signedBy(genesis, certificate(3, { chainId: 'tfr-other-1' }), [0, 1, 2]),
      signedBy(genesis, certificate(3, { validatorsHash: rnd(32) }), [0, 1, 2]),
      Object.freeze({ certificate: c, signatures: [{ signer: 4, signature: signedBy(genesis, c, [0]).signatures[0]!.signature }] }),
    ];
    for (const m of malformed) expect(h.service.checks.shape(m), JSON.stringify(m.certificate.height)).to.be.a('string');
    await h.deliver(...malformed);
    expect(h.service.checks.stats, 'nothing reached a pairing').to.deep.equal({ aggregateChecks: 0, singleChecks: 0 });
    expect(h.logger.entries.filter((e) => /malformed/.test(e.message))).to.have.length(4);
    // Validator 0 twice (two messages, the same signature) and validator 1: 2 of 4, below 3.
    await h.deliver(signedBy(genesis, c, [0]), signedBy(genesis, c, [0]), signedBy(genesis, c, [1]));
    expect(h.service.byHeight(3)).to.equal(undefined);
    expect(h.service.collector.add(c, signedBy(genesis, c, [0]).signatures, false), 'a held signer').to.equal('ignored');
    await h.deliver(signedBy(genesis, c, [2]));
    expect(signersOf(h, 3)).to.have.length(3);
  });

  it('signatures of another block at a height we committed never form an aggregate', async () => {
    const h = await harness();
    const ours = certificate(3);
    const fork = certificate(3);
    h.service.collector.noteTip(3);
    await h.deliver(signedBy(genesis, fork, [0, 1, 2, 3]));
    h.service.committed(committed(ours));
    expect(h.service.byHeight(3)).to.equal(undefined);
    expect(h.logger.entries.some((e) => /another certificate/.test(e.message))).to.equal(true);
    await h.deliver(signedBy(genesis, fork, [1]));
    expect(h.service.byHeight(3)).to.equal(undefined);
    expect(h.service.collector.wants(fork, 0)).to.equal(false);
    await h.deliver(signedBy(genesis, ours, [1, 2, 3]));
    expect(h.service.byHeight(3)?.certificate).to.deep.equal(ours);
  });

  it('drops late signatures for a formed certificate and heights outside the window', async () => {
    const h = await harness();
    const c3 = certificate(3);
    h.service.committed(committed(c3));
    await h.deliver(signedBy(genesis, c3, [0, 1, 2]));
    expect(signersOf(h, 3)).to.have.length(3);
    const late = signedBy(genesis, c3, [3]);
    expect(h.service.collector.add(c3, late.signatures, false)).to.equal('ignored');
    expect(h.service.collector.wants(c3, signerOf(genesis, 3))).to.equal(false);
    expect(h.service.collector.relays(c3, signerOf(genesis, 3)), 'a late valid signature still travels on').to.equal(true);
    // The window is 4 anchor intervals either side of the tip (3): heights 15 and above are ignored.
    expect(h.service.collector.inWindow(15)).to.equal(true);
    expect(h.service.collector.inWindow(18)).to.equal(false);
    const far = certificate(300);
    await h.deliver(signedBy(genesis, far, [0]));
    expect(h.service.checks.stats.singleChecks + h.service.checks.stats.aggregateChecks, 'not even checked').to.equal(1);
    // Pending signatures of a height far behind the tip are forgotten as the tip moves.
    const c6 = certificate(6);
    await h.deliver(signedBy(genesis, c6, [0]));
    expect(h.service.collector.wants(c6, signerOf(genesis, 1))).to.equal(true);
    h.service.collector.noteTip(100);
    expect(h.service.collector.wants(c6, signerOf(genesis, 1))).to.equal(false);
    expect(h.service.collector.add(c6, signedBy(genesis, c6, [1, 2]).signatures, false)).to.equal('ignored');
  });

  it('judges gossip: reject malformed or forged, ignore what is not needed, accept the rest', async () => {
    const h = await harness();
    const c = certificate(3);
    h.service.committed(committed(c));
    const verdict = async (m: AnchorSignatures) => {
      const p = h.service.gossipCheck(m);
      h.timers.advance(1_000);
      return (await p).verdict;
    };
    expect(await verdict(signedBy(genesis, certificate(4), [0]))).to.equal('reject');
    expect(await verdict(Object.freeze({ certificate: c, signatures: [{ signer: signerOf(genesis, 0), signature: rnd(96) }] }))).to.equal('reject');
    expect(await verdict(signedBy(genesis, certificate(300), [0]))).to.equal('ignore');
    const good = signedBy(genesis, c, [0, 1]);
    expect(await verdict(good)).to.equal('accept');
    // The collector finds the gossip validator's verdict on the same object: no second check.
    const before = { ...h.service.checks.stats };
    await h.deliver(good);
    expect(h.service.checks.stats).to.deep.equal(before);
    expect(await verdict(good), 'signers it holds already').to.equal('ignore');
  });

  it('aggregates persist: a reopened service answers latest and byHeight', async () => {
    const kv = new MemoryKvStore();
    const h = await harness(kv);
    const certs = [3, 6, 9].map((n) => certificate(n));
    for (const c of certs) {
      h.service.committed(committed(c));
      await h.deliver(signedBy(genesis, c, [0, 2, 3]));
    }
    expect(h.service.latest(2).map((a) => a.certificate.height)).to.deep.equal([9, 6]);
    await h.service.close();
    const again = await harness(kv);
    expect(again.service.latest(10).map((a) => a.certificate.height)).to.deep.equal([9, 6, 3]);
    expect(again.service.byHeight(6)).to.deep.equal(h.service.byHeight(6));
    expect(again.service.byHeight(7)).to.equal(undefined);
    // A committed height at or below the last formed one is not signed again.
    again.service.addSigner(0, anchorBlsSecret(0));
    again.service.committed(committed(certs[2]!));
    await again.service.settled();
    expect(again.service.stats.signatures).to.equal(0);
  });

  it('refuses a BLS secret that is not the validator’s genesis key', async () => {
    const h = await harness();
    expect(() => h.service.addSigner(0, anchorBlsSecret(1))).to.throw(/not the secret of its genesis blsPublicKey/);
  });
});
