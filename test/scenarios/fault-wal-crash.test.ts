/**
 * Fault scenario, crash at every WAL write point (4 validators from `simGenesis(4)`, f = 1): validator
 * 0 dies right after its k-th WAL append since its last boot, for k = 1, 2, 3, ..., losing every
 * unsynced record (power loss), stays down for a while, restarts and replays its WAL; then it dies
 * again at the next k. A second series crashes it right after the next record of each kind (so every
 * kind is covered whatever the timing), a third right after its signer saved its k-th signature
 * (before the driver could log or send the message). Checked:
 *  - it never signs two different messages at one (height, round, step): every signature its signer
 *    returned and every vote and proposal it put on the wire, across all its lives;
 *  - it loses no block: after each restart its store still holds every block it had committed;
 *  - it catches up with the others, and all four hold the same, valid chain;
 *  - the crash points covered every kind of record: start of a height (right after a commit), a
 *    peer's proposal and votes, the block verdict, its own block, proposal, prevote and precommit,
 *    and timeouts.
 */
import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import { decodeWalInput } from '../../chain/node/wal-records.ts';
import type { Hrs } from '../../chain/ports/hrs.ts';
import type { Signer } from '../../chain/ports/signer.ts';
import type { Wal, WalAppendOptions } from '../../chain/ports/wal.ts';
import { expectAgreement, expectValidChain, SignedLog, timed } from '../fixtures/sim-checks.ts';
import { simGenesis, startSimTestnet, type SimTestnet } from '../fixtures/sim-testnet.ts';

const V = 0;
/** Crash points of the "k-th append" and "k-th signature" series. */
const WAL_POINTS = 40;
const SIGN_POINTS = 12;
/** Every kind of WAL record V writes (the targeted series crashes once after each). */
const KINDS = ['start-height', 'peer proposal', 'block-checked', 'own-block', 'own proposal', 'own prevote', 'own precommit', 'peer prevote', 'peer precommit', 'timeout'];

/** The kind of a WAL record as seen from validator V. */
function recordKind(record: Uint8Array): string {
  const input = decodeWalInput(record);
  switch (input.kind) {
    case 'vote':
      return input.vote.validator === V ? `own ${input.vote.type}` : `peer ${input.vote.type}`;
    case 'proposal':
      return input.proposal.proposer === V ? 'own proposal' : 'peer proposal';
    default:
      return input.kind;
  }
}

/** A crash point armed for the current life of V: after the `at`-th WAL append or signature, or the next record of a kind. */
interface Trigger {
  kind: 'wal' | 'sign' | 'record';
  at: number;
  target?: string;
  count: number;
  fired: string | undefined;
}

/** Never settles: the process died inside this call, so nothing after it runs. */
const dead = (): Promise<never> => new Promise<never>(() => undefined);

describe('fault scenario: crash at every WAL write point (4 validators)', function () {
  this.timeout(180_000); // .mocharc.json's 20 s is for unit tests
  it(`validator 0 crashes after its k-th WAL append (k = 1..${WAL_POINTS}) and after its k-th signature (k = 1..${SIGN_POINTS}), losing unsynced records: no double sign, no lost block, it catches up`, async () => {
    await timed('wal-crash', async () => {
      const network = simGenesis(4);
      const log = new SignedLog(network.genesis.chainId);
      let trigger: Trigger | undefined;
      const covered = new Map<string, number>();
      let sim: SimTestnet | undefined;
      const crashNow = (what: string): void => {
        trigger!.fired = what;
        covered.set(what, (covered.get(what) ?? 0) + 1);
        sim!.crash(V, { loseUnsyncedWal: true });
      };
      const walFor = (slot: number, wal: Wal): Wal =>
        slot !== V
          ? wal
          : {
              get height() {
                return wal.height;
              },
              async append(record: Uint8Array, options?: WalAppendOptions) {
                await wal.append(record, options);
                const t = trigger;
                if (t === undefined || t.fired !== undefined) return;
                const kind = recordKind(record);
                if (t.kind === 'wal' ? ++t.count < t.at : t.kind !== 'record' || kind !== t.target) return;
                crashNow(kind);
                return dead();
              },
              readAll: () => wal.readAll(),
              rotate: (h: number) => wal.rotate(h),
              close: () => wal.close(),
            };
      const signerFor = (slot: number, signer: Signer): Signer =>
        slot !== V
          ? signer
          : {
              publicKey: signer.publicKey,
              async sign(hrs: Hrs, message: Uint8Array) {
                const signature = await signer.sign(hrs, message);
                log.add(`${hrs.height}/${hrs.round}/${hrs.step}`, message);
                const t = trigger;
                if (t === undefined || t.kind !== 'sign' || t.fired !== undefined || ++t.count < t.at) return signature;
                crashNow(`signed ${hrs.step}`);
                return dead();
              },
            };
      sim = await startSimTestnet({ network, seed: 'wal-crash', walFor, signerFor, networkFor: (slot, ep) => (slot === V ? log.wrap(ep) : ep) });
      const s = sim;
      try {
        expect(await s.run(() => Math.min(...s.heights()) >= 2, 30_000)).to.equal(true);
        const points: Trigger[] = [
          ...Array.from({ length: WAL_POINTS }, (_, i): Trigger => ({ kind: 'wal', at: i + 1, count: 0, fired: undefined })),
          ...KINDS.map((target): Trigger => ({ kind: 'record', at: 0, target, count: 0, fired: undefined })),
          ...Array.from({ length: SIGN_POINTS }, (_, i): Trigger => ({ kind: 'sign', at: i + 1, count: 0, fired: undefined })),
        ];
        let i = 0;
        for (const point of points) {
          trigger = point;
          const crashed = await s.run(() => point.fired !== undefined, 60_000);
          expect(crashed, `crash point ${point.kind} ${point.target ?? `#${point.at}`} never reached (heights ${s.heights()})`).to.equal(true);
          // What V had committed when it died must survive the restart.
          const store = s.storeOf(V)!;
          const tip = store.tip().height;
          const before = await Promise.all(Array.from({ length: tip }, async (_, h) => toHex(blockHash((await store.blocks.block(h + 1))!.header))));
          // Down for 0.1 .. 2.5 s of virtual time: sometimes back within the height, sometimes heights later.
          await s.run(() => false, 100 + ((i++ * 397) % 2_400));
          trigger = undefined;
          await s.restart(V);
          const after = s.storeOf(V)!;
          expect(after.tip().height, 'the restarted node lost blocks').to.be.at.least(tip);
          for (let h = 1; h <= tip; h++) expect(toHex(blockHash((await after.blocks.block(h))!.header)), `block ${h} changed`).to.equal(before[h - 1]);
          expect(log.conflicts(), `double sign after crash point ${point.kind} ${point.target ?? `#${point.at}`}`).to.deep.equal([]);
        }
        // Last life: no more crashes. V catches up and the four go on together.
        const top = Math.max(...s.heights());
        const ok = await s.run(() => Math.min(...s.heights()) >= top + 3, 60_000);
        expect(ok, `heights ${s.heights()}`).to.equal(true);
        expect(s.heights()).to.have.length(4);
        await expectAgreement(s);
        await expectValidChain(s);
        expect(log.conflicts(), 'double sign').to.deep.equal([]);
        expect(log.count).to.be.greaterThan(0);
        for (const kind of [...KINDS, 'signed propose', 'signed prevote', 'signed precommit']) {
          expect(covered.has(kind), `no crash right after a "${kind}" record; covered: ${JSON.stringify([...covered])}`).to.equal(true);
        }
        console.log(`      (crash points: ${JSON.stringify(Object.fromEntries(covered))}; final height ${Math.min(...s.heights())}, ${log.count} signatures and messages checked)`);
      } finally {
        s.stop();
      }
    });
  });
});
