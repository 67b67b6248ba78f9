import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileSignerState } from '../../chain/node/adapters/file-signer-state.ts';
import { encodeSignerState, SIGNER_STATE_BYTES } from '../../chain/node/adapters/signer-state-format.ts';
import { openSigner } from '../../chain/node/signer.ts';
import type { LastSigned } from '../../chain/ports/signer-state.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { useTempDir } from './temp-dir.ts';

const state: LastSigned = {
  height: 2 ** 40 + 3,
  round: 7,
  step: 'precommit',
  messageHash: new Uint8Array(32).fill(0xaa),
  signature: new Uint8Array(64).map((_, i) => i),
};

describe('FileSignerState', () => {
  const dir = useTempDir();
  // Each save keeps the file open for the next one: close it, or GC closes it with a warning.
  const saveAndClose = async (path: string, s: typeof state): Promise<void> => {
    const store = new FileSignerState(path);
    await store.save(s);
    await store.close();
  };

  it('a missing file is a fresh validator (null); a saved state loads back exactly', async () => {
    const store = new FileSignerState(join(dir(), 's'));
    expect(await store.load()).to.equal(null);
    await store.save(state);
    expect(await new FileSignerState(join(dir(), 's')).load()).to.deep.equal(state);
    expect((await readFile(join(dir(), 's'))).length).to.equal(SIGNER_STATE_BYTES);
    await store.close();
  });

  it('any damaged byte, a short file or a long one is NODE_SIGNER_STATE_CORRUPT, and the signer will not open', async () => {
    const path = join(dir(), 's');
    await saveAndClose(path, state);
    const good = new Uint8Array(await readFile(path));
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i]! ^= 0x04;
      await writeFile(path, bad);
      await expectCode(new FileSignerState(path).load(), 'NODE_SIGNER_STATE_CORRUPT');
    }
    await writeFile(path, good.subarray(0, 100));
    await expectCode(openSigner(new Uint8Array(32), new FileSignerState(path)), 'NODE_SIGNER_STATE_CORRUPT');
    await writeFile(path, new Uint8Array([...good, 0]));
    await expectCode(new FileSignerState(path).load(), 'NODE_SIGNER_STATE_CORRUPT');
  });

  it('a leftover .tmp (a crash before the rename) is ignored: the last complete state stands', async () => {
    const path = join(dir(), 's');
    await saveAndClose(path, state);
    await writeFile(`${path}.tmp`, new Uint8Array([1, 2, 3]));
    expect(await new FileSignerState(path).load()).to.deep.equal(state);
    const later = { ...state, height: state.height + 1 };
    await saveAndClose(path, later);
    expect(await new FileSignerState(path).load()).to.deep.equal(later);
  });

  it('refuses to save a malformed state', async () => {
    const store = new FileSignerState(join(dir(), 's'));
    for (const bad of [{ ...state, signature: new Uint8Array(63) }, { ...state, messageHash: new Uint8Array(31) }, { ...state, round: 2 ** 32 }]) {
      let threw = false;
      try {
        await store.save(bad);
      } catch (e) {
        threw = e instanceof RangeError;
      }
      expect(threw).to.equal(true);
    }
    expect(await store.load()).to.equal(null);
  });
});

describe('FileSignerState in place', () => {
  const dir = useTempDir();

  it('later saves overwrite the record in place; the latest loads back, also after close', async () => {
    const store = new FileSignerState(join(dir(), 's'));
    await store.save(state);
    const later: LastSigned = { ...state, round: 8, step: 'prevote', messageHash: new Uint8Array(32).fill(0xbb) };
    await store.save(later);
    expect((await readFile(join(dir(), 's'))).length).to.equal(SIGNER_STATE_BYTES);
    expect(await new FileSignerState(join(dir(), 's')).load()).to.deep.equal(later);
    await store.close();
    expect(await new FileSignerState(join(dir(), 's')).load()).to.deep.equal(later);
  });

  it('a record torn by an interrupted overwrite is refused, never read as an older state', async () => {
    const path = join(dir(), 't');
    const store = new FileSignerState(path);
    await store.save(state);
    await store.close();
    const next = encodeSignerState({ ...state, round: 9 });
    const old = await readFile(path);
    await writeFile(path, Buffer.concat([next.subarray(0, 40), old.subarray(40)]));
    await expectCode(new FileSignerState(path).load(), 'NODE_SIGNER_STATE_CORRUPT');
  });
});
