import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { bech32, bech32m } from '@scure/base';
import { toHex } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import {
  addressBytesFromPublicKey,
  addressFromPublicKey,
  decodeAddress,
  encodeAddress,
  isValidHrp,
} from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';

/** Independent BIP 350 encoder (reference algorithm), to pin the format without trusting the library. */
function referenceBech32m(hrp: string, data: Uint8Array): string {
  const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  const polymod = (values: number[]): number => {
    let chk = 1;
    for (const v of values) {
      const top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
    }
    return chk >>> 0;
  };
  const words: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of data) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = polymod([...expanded, ...words, 0, 0, 0, 0, 0, 0]) ^ 0x2bc830a3;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...words, ...checksum].map((w) => CHARSET[w]).join('');
}

const pub = ed25519PublicKey(new Uint8Array(32).fill(1));
const bytes = addressBytesFromPublicKey(pub);
const HRP = 'tft';

function expectBad(address: string, hrp: string, messagePart: RegExp): void {
  let caught: unknown;
  try {
    decodeAddress(address, hrp);
  } catch (e) {
    caught = e;
  }
  expect(isChainError(caught) && caught.code === 'CRYPTO_BAD_ADDRESS', `expected CRYPTO_BAD_ADDRESS for ${address}`).to.equal(true);
  expect((caught as Error).message).to.match(messagePart);
}

describe('crypto/addresses', () => {
  it('address bytes are the first 20 bytes of sha256(public key)', () => {
    const expected = createHash('sha256').update(pub).digest().subarray(0, 20);
    expect(toHex(bytes)).to.equal(expected.toString('hex'));
  });

  it('encodes as bech32m exactly as the BIP 350 reference algorithm does', () => {
    const address = addressFromPublicKey(HRP, pub);
    expect(address).to.equal(referenceBech32m(HRP, bytes));
    expect(address.startsWith('tft1')).to.equal(true);
    expect(address.length).to.equal(HRP.length + 1 + 32 + 6);
  });

  it('round trips, and accepts the all-uppercase form', () => {
    for (const hrp of ['tft', 'egypt', 'r1', 'a', 'abcdefghijklmnop']) {
      const address = encodeAddress(hrp, bytes);
      expect(toHex(decodeAddress(address, hrp))).to.equal(toHex(bytes));
      expect(toHex(decodeAddress(address.toUpperCase(), hrp))).to.equal(toHex(bytes));
    }
  });

  it('rejects a bad checksum', () => {
    const address = encodeAddress(HRP, bytes);
    const last = address[address.length - 1] === 'q' ? 'p' : 'q';
    expectBad(address.slice(0, -1) + last, HRP, /not valid bech32m/);
    // A changed data character also breaks the checksum.
    const mid = address[10] === 'q' ? 'p' : 'q';
    expectBad(address.slice(0, 10) + mid + address.slice(11), HRP, /not valid bech32m/);
  });

  it('rejects bech32 (BIP 173) encoding of the same bytes', () => {
    expectBad(bech32.encode(HRP, bech32.toWords(bytes)), HRP, /bech32 \(BIP 173\)/);
  });

  it('rejects the wrong prefix', () => {
    expectBad(encodeAddress('hub', bytes), HRP, /prefix is "hub", expected "tft"/);
  });

  it('rejects payloads that are not 20 bytes', () => {
    expectBad(bech32m.encode(HRP, bech32m.toWords(new Uint8Array(19))), HRP, /19 bytes, expected 20/);
    expectBad(bech32m.encode(HRP, bech32m.toWords(new Uint8Array(21))), HRP, /21 bytes, expected 20/);
    expectBad(bech32m.encode(HRP, bech32m.toWords(new Uint8Array(32))), HRP, /32 bytes, expected 20/);
  });

  it('rejects non-zero padding bits', () => {
    // 21 bytes = 34 words with 2 padding bits; set them.
    const words = bech32m.toWords(new Uint8Array(21));
    words[words.length - 1] = 1;
    expectBad(bech32m.encode(HRP, words), HRP, /padding/);
  });

  it('rejects mixed case', () => {
    const address = encodeAddress(HRP, bytes);
    expectBad('TFT' + address.slice(3), HRP, /mixes upper and lower case/);
    // One upper-case letter in the data part.
    const i = [...address].findIndex((c, k) => k > 3 && /[a-z]/.test(c));
    expectBad(address.slice(0, i) + address[i]!.toUpperCase() + address.slice(i + 1), HRP, /mixes upper and lower case/);
  });

  it('rejects garbage: no separator, bad characters, empty, too long', () => {
    expectBad('', HRP, /not valid bech32m/);
    expectBad('tftqqqqqqqqqqqqq', HRP, /not valid bech32m/);
    expectBad(encodeAddress(HRP, bytes).replace(/.$/, 'b'), HRP, /not valid bech32m/); // 'b' is not in the charset
    expectBad(HRP + '1' + 'q'.repeat(100), HRP, /not valid bech32m/);
  });

  it('isValidHrp: 1..16 of lowercase a-z and 0-9', () => {
    for (const ok of ['a', 'tft', 'hub', 'region7', 'abcdefghijklmnop', '0']) expect(isValidHrp(ok), ok).to.equal(true);
    for (const bad of ['', 'TFT', 'Tft', 'abcdefghijklmnopq', 't-f', 't f', 'tft_', 'é']) expect(isValidHrp(bad), bad).to.equal(false);
  });

  it('encoding refuses an invalid prefix or length; decoding refuses an invalid expected prefix', () => {
    expect(() => encodeAddress('TFT', bytes)).to.throw(RangeError);
    expect(() => encodeAddress(HRP, new Uint8Array(21))).to.throw(RangeError);
    expect(() => decodeAddress(encodeAddress(HRP, bytes), 'T')).to.throw(RangeError);
  });

  it('encodes the same bytes again from its cache: per prefix, per bytes, an invalid prefix still refused', () => {
    const other = bytes.slice();
    other[19] = other[19]! ^ 1;
    for (let round = 0; round < 2; round++) {
      expect(encodeAddress('tft', bytes)).to.equal(referenceBech32m('tft', bytes));
      expect(encodeAddress('egypt', bytes)).to.equal(referenceBech32m('egypt', bytes));
      expect(encodeAddress('tft', other)).to.equal(referenceBech32m('tft', other));
      expect(() => encodeAddress('TFT', bytes)).to.throw(RangeError);
    }
  });

  it('addressBytesFromPublicKey rejects keys that are not 32 bytes', () => {
    for (const k of [new Uint8Array(31), new Uint8Array(33)]) {
      expect(() => addressBytesFromPublicKey(k)).to.throw().that.satisfies((e: unknown) => isChainError(e) && e.code === 'CRYPTO_BAD_KEY');
    }
  });
});
