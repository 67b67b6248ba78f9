import { expect } from 'chai';
import { join } from 'node:path';
import { FileSignerState } from '../../chain/node/adapters/file-signer-state.ts';
import { openSigner } from '../../chain/node/signer.ts';
import { signEd25519, ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { utf8 } from '../../chain/codec/bytes.ts';
import { MemorySignerState } from '../../chain/ports/memory-signer-state.ts';
import type { Hrs } from '../../chain/ports/hrs.ts';
import type { LastSigned, SignerStateStore } from '../../chain/ports/signer-state.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { hex } from '../crypto/hex.ts';
import { RFC8032_VECTORS } from '../crypto/rfc8032-vectors.ts';
import { useTempDir } from './temp-dir.ts';

const SECRET = new Uint8Array(32).map((_, i) => i * 7 + 1);
const hrs = (height: number, round: number, step: Hrs['step']): Hrs => ({ height, round, step });
const msg = (s: string): Uint8Array => utf8(s);

describe('Signer: signatures', () => {
  it('are byte-identical to signEd25519 (noble), on the RFC 8032 vectors and more', async () => {
    for (const v of RFC8032_VECTORS) {
      const signer = await openSigner(hex(v.secret), new MemorySignerState());
      expect(signer.publicKey).to.deep.equal(hex(v.publicKey));
      expect(await signer.sign(hrs(1, 0, 'propose'), hex(v.message))).to.deep.equal(hex(v.signature));
    }
    const signer = await openSigner(SECRET, new MemorySignerState());
    expect(signer.publicKey).to.deep.equal(ed25519PublicKey(SECRET));
    for (let h = 1; h <= 20; h++) {
      const m = new Uint8Array(h * 13).map((_, i) => (i * h) & 0xff);
      expect(await signer.sign(hrs(h, 0, 'prevote'), m)).to.deep.equal(signEd25519(SECRET, m));
    }
  });

  it('a bad key is CRYPTO_BAD_KEY; a malformed position is a RangeError', async () => {
    await expectCode(openSigner(new Uint8Array(31), new MemorySignerState()), 'CRYPTO_BAD_KEY');
    const signer = await openSigner(SECRET, new MemorySignerState());
    for (const bad of [hrs(-1, 0, 'prevote'), hrs(1, 0.5, 'prevote'), { height: 1, round: 0, step: 'commit' as Hrs['step'] }]) {
      const err = await signer.sign(bad, msg('x')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(bad)).to.be.instanceOf(RangeError);
    }
    expect(signer.lastSigned).to.equal(null);
  });
});

const stores: Record<string, (dir: () => string) => () => SignerStateStore> = {
  MemorySignerState: () => {
    const store = new MemorySignerState();
    return () => store; // the same "disk" after a restart
  },
  FileSignerState: (dir) => () => new FileSignerState(join(dir(), 'signer-state')),
};

for (const [name, makeStore] of Object.entries(stores)) {
  describe(`Signer guard over ${name}`, () => {
    const dir = useTempDir();

    it('refuses any position below the last signed one, in height, round and step order', async () => {
      const signer = await openSigner(SECRET, makeStore(dir)());
      await signer.sign(hrs(5, 2, 'prevote'), msg('a'));
      for (const low of [hrs(5, 2, 'propose'), hrs(5, 1, 'precommit'), hrs(4, 9, 'precommit'), hrs(0, 0, 'propose')]) {
        const e = await expectCode(signer.sign(low, msg('a')), 'NODE_SIGN_REGRESSION');
        expect(e.details?.['last']).to.equal('5/2/prevote');
      }
      for (const up of [hrs(5, 2, 'precommit'), hrs(5, 3, 'propose'), hrs(6, 0, 'propose')]) await signer.sign(up, msg('b'));
      expect(signer.lastSigned).to.deep.equal(hrs(6, 0, 'propose'));
    });

    it('at the same position returns the same signature for the same bytes and refuses different ones', async () => {
      const signer = await openSigner(SECRET, makeStore(dir)());
      const first = await signer.sign(hrs(3, 0, 'precommit'), msg('block A'));
      expect(await signer.sign(hrs(3, 0, 'precommit'), msg('block A'))).to.deep.equal(first);
      await expectCode(signer.sign(hrs(3, 0, 'precommit'), msg('block B')), 'NODE_SIGN_CONFLICT');
      await expectCode(signer.sign(hrs(3, 0, 'precommit'), msg('block A!')), 'NODE_SIGN_CONFLICT');
    });

    it('survives a restart: a new signer over the same state refuses what the old one signed', async () => {
      const open = makeStore(dir);
      const before = await openSigner(SECRET, open());
      const sig = await before.sign(hrs(8, 1, 'prevote'), msg('vote X'));
      const after = await openSigner(SECRET, open());
      expect(after.lastSigned).to.deep.equal(hrs(8, 1, 'prevote'));
      await expectCode(after.sign(hrs(8, 1, 'prevote'), msg('vote Y')), 'NODE_SIGN_CONFLICT');
      await expectCode(after.sign(hrs(8, 0, 'precommit'), msg('vote Y')), 'NODE_SIGN_REGRESSION');
      expect(await after.sign(hrs(8, 1, 'prevote'), msg('vote X'))).to.deep.equal(sig);
      await after.sign(hrs(8, 1, 'precommit'), msg('vote Y'));
    });

    it('concurrent requests at one position: exactly one message gets signed', async () => {
      const signer = await openSigner(SECRET, makeStore(dir)());
      const results = await Promise.allSettled([signer.sign(hrs(2, 0, 'prevote'), msg('A')), signer.sign(hrs(2, 0, 'prevote'), msg('B'))]);
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
    });
  });
}

/** A store that persists through `inner` and then "crashes" before the signer can return. */
function crashingAfterSave(inner: SignerStateStore): SignerStateStore {
  return {
    load: () => inner.load(),
    save: async (s: LastSigned) => {
      await inner.save(s);
      throw new Error('process killed after the state reached the disk');
    },
  };
}

describe('Signer crash safety', () => {
  const dir = useTempDir();

  it('returns nothing until the state is durable', async () => {
    let release: () => void = () => {};
    let saved: LastSigned | undefined;
    const slow: SignerStateStore = {
      load: async () => null,
      save: (s) =>
        new Promise<void>((resolve) => {
          saved = s;
          release = resolve;
        }),
    };
    const signer = await openSigner(SECRET, slow);
    let returned = false;
    const p = signer.sign(hrs(1, 0, 'prevote'), msg('m')).then((sig) => {
      returned = true;
      return sig;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(saved?.height).to.equal(1);
    expect(returned).to.equal(false);
    release();
    expect(await p).to.deep.equal(saved?.signature);
  });

  it('a crash between persisting and returning: the restarted signer gives back the same signature and refuses a different message', async () => {
    for (const inner of [new MemorySignerState(), new FileSignerState(join(dir(), 'state'))]) {
      const crashing = await openSigner(SECRET, crashingAfterSave(inner));
      await crashing.sign(hrs(4, 2, 'precommit'), msg('decided')).then(
        () => expect.fail('the crash must surface'),
        (e: Error) => expect(e.message).to.contain('killed'),
      );
      const restarted = await openSigner(SECRET, inner);
      expect(await restarted.sign(hrs(4, 2, 'precommit'), msg('decided'))).to.deep.equal(signEd25519(SECRET, msg('decided')));
      await expectCode(restarted.sign(hrs(4, 2, 'precommit'), msg('other')), 'NODE_SIGN_CONFLICT');
      await expectCode(restarted.sign(hrs(4, 2, 'prevote'), msg('other')), 'NODE_SIGN_REGRESSION');
    }
  });

  it('a crash before the state is durable: nothing was returned or saved, so the position is still free', async () => {
    let fail = true;
    const store = new MemorySignerState({
      beforeSave: () => {
        if (fail) throw new Error('disk error');
      },
    });
    const signer = await openSigner(SECRET, store);
    await signer.sign(hrs(1, 0, 'prevote'), msg('A')).then(
      () => expect.fail('must fail'),
      () => undefined,
    );
    expect(await store.load()).to.equal(null);
    expect(signer.lastSigned).to.equal(null);
    fail = false;
    expect(await signer.sign(hrs(1, 0, 'prevote'), msg('B'))).to.deep.equal(signEd25519(SECRET, msg('B')));
  });
});
