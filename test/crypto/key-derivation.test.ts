import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { blsPublicKey, blsVerifyPossession } from '../../chain/crypto/bls.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import {
  deriveBlsKey,
  deriveEd25519Key,
  deriveSecret,
  generateBlsKey,
  generateEd25519Key,
} from '../../chain/crypto/key-derivation.ts';

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** RFC 9380 section 5.3.1 expand_message_xmd with SHA-256, written out from the RFC for the test. */
function expandMessageXmd(msg: Uint8Array, dst: string, len: number): Uint8Array {
  const dstPrime = new Uint8Array([...utf8(dst), dst.length]);
  const ell = Math.ceil(len / 32);
  const b0 = sha256(new Uint8Array(64), msg, new Uint8Array([len >> 8, len & 0xff, 0]), dstPrime);
  const blocks: Uint8Array[] = [sha256(b0, new Uint8Array([1]), dstPrime)];
  for (let i = 2; i <= ell; i++) {
    const prev = blocks[blocks.length - 1]!;
    blocks.push(sha256(b0.map((x, j) => x ^ prev[j]!), new Uint8Array([i]), dstPrime));
  }
  const out = new Uint8Array(ell * 32);
  blocks.forEach((b, i) => out.set(b, i * 32));
  return out.subarray(0, len);
}

describe('crypto/key-derivation', () => {
  it('deriveSecret follows the documented rule (known answer)', () => {
    const expected = sha256(utf8('TFR-key-v1'), new Uint8Array([0]), utf8('testnet'), new Uint8Array([0]), utf8('validator/0/ed25519'));
    expect(toHex(deriveSecret('testnet', 'validator/0/ed25519'))).to.equal(toHex(expected));
    // Pinned: genesis files generated from a seed must stay reproducible across versions.
    expect(toHex(expected)).to.equal('94c4d8b861801b9804377231347b49e3ae9fbe22c393ba6b0ef9ad4e9d6b20a7');
    expect(toHex(deriveEd25519Key('testnet', 'validator/0/ed25519').publicKey)).to.equal(
      '668c4cf6f2ae3b27200795a45aee6b2c738d13b3e26dc68bb3b7144563aa1f1f',
    );
  });

  it('ed25519 keys: secret = deriveSecret, public key derived from it', () => {
    const k = deriveEd25519Key('testnet', 'validator/0/ed25519');
    expect(toHex(k.secret)).to.equal(toHex(deriveSecret('testnet', 'validator/0/ed25519')));
    expect(toHex(k.publicKey)).to.equal(toHex(ed25519PublicKey(k.secret)));
  });

  it('BLS keys follow the documented rule (known answer) and carry a valid PoP', () => {
    const derived = deriveSecret('testnet', 'validator/0/bls');
    const wide = expandMessageXmd(derived, 'TFR-BLS-keygen-v1', 48);
    const r = bls12_381.fields.Fr.ORDER;
    const scalar = (BigInt('0x' + toHex(wide)) % (r - 1n)) + 1n;
    const k = deriveBlsKey('testnet', 'validator/0/bls');
    expect(toHex(k.secret)).to.equal(scalar.toString(16).padStart(64, '0'));
    expect(toHex(k.publicKey)).to.equal(toHex(blsPublicKey(k.secret)));
    expect(blsVerifyPossession(k.publicKey, k.pop)).to.equal(true);
    expect(toHex(k.publicKey)).to.equal(
      'a9ae9c4924b94f6b4e3e3e6022bf8b5d77f74d9d2a601f112c1b15cf28f5ae853658cfd3ac0fa279f607378c73e76e98',
    );
  });

  it('is deterministic', () => {
    expect(toHex(deriveEd25519Key('s', 'p').publicKey)).to.equal(toHex(deriveEd25519Key('s', 'p').publicKey));
    const a = deriveBlsKey('s', 'p');
    const b = deriveBlsKey('s', 'p');
    expect([toHex(a.secret), toHex(a.publicKey), toHex(a.pop)]).to.deep.equal([toHex(b.secret), toHex(b.publicKey), toHex(b.pop)]);
  });

  it('differs for different paths and seeds, and the separator keeps (seed, path) pairs apart', () => {
    const all = [
      deriveSecret('seed', 'validator/0'),
      deriveSecret('seed', 'validator/1'),
      deriveSecret('seed2', 'validator/0'),
      deriveSecret('seed/validator', '0'),
      deriveSecret('', 'seedvalidator/0'),
      deriveSecret('seedvalidator/0', ''),
    ].map(toHex);
    expect(new Set(all).size).to.equal(all.length);
    expect(toHex(deriveBlsKey('seed', 'a').publicKey)).to.not.equal(toHex(deriveBlsKey('seed', 'b').publicKey));
  });

  it('rejects U+0000 in seed or path', () => {
    expect(() => deriveSecret('a\u0000b', 'p')).to.throw(RangeError);
    expect(() => deriveSecret('s', 'p\u0000')).to.throw(RangeError);
  });

  it('generates random keys', () => {
    const a = generateEd25519Key();
    const b = generateEd25519Key();
    expect(a.secret.length).to.equal(32);
    expect(toHex(a.secret)).to.not.equal(toHex(b.secret));
    expect(toHex(a.publicKey)).to.equal(toHex(ed25519PublicKey(a.secret)));
    const k = generateBlsKey();
    expect(blsVerifyPossession(k.publicKey, k.pop)).to.equal(true);
  });
});
