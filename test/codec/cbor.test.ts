import { expect } from 'chai';
import fc from 'fast-check';
import { decodeCbor, encodeCbor, type CborValue } from '../../chain/codec/cbor.ts';
import { codeOf } from '../fixtures/expect-code.ts';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

const cborValue: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.maxSafeInteger(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'), tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('canonical CBOR', () => {
  it('round-trips every value and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(cborValue, (v) => {
        const bytes = encodeCbor(v);
        const back = decodeCbor(bytes);
        expect(back).to.deep.equal(v);
        expect(Buffer.from(encodeCbor(back)).equals(Buffer.from(bytes))).to.equal(true);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes maps with sorted keys whatever the insertion order', () => {
    expect(encodeCbor({ b: 1, a: 2 })).to.deep.equal(encodeCbor({ a: 2, b: 1 }));
  });

  it('pins a known encoding', () => {
    expect(Buffer.from(encodeCbor([1, 'a', hex('0102'), null, true])).toString('hex')).to.equal('85016161420102f6f5');
  });

  const rejections: Array<[string, string, string]> = [
    ['non-minimal integer', '1817', 'CODEC_NON_CANONICAL'],
    ['non-minimal length', '780161', 'CODEC_NON_CANONICAL'],
    ['unsorted map keys', 'a2616201616101', 'CODEC_NON_CANONICAL'],
    ['duplicate map key', 'a2616101616101', 'CODEC_DUPLICATE_KEY'],
    ['trailing bytes', '0102', 'CODEC_MALFORMED'],
    ['truncated', '8201', 'CODEC_MALFORMED'],
    ['empty input', '', 'CODEC_MALFORMED'],
    ['half float for an integer', 'f93c00', 'CODEC_NON_CANONICAL'],
    ['float', 'fb3ff8000000000000', 'CODEC_WRONG_TYPE'],
    ['bignum tag', 'c24101', 'CODEC_MALFORMED'],
    ['indefinite byte string', '5f4101ff', 'CODEC_MALFORMED'],
    ['indefinite array', '9f01ff', 'CODEC_MALFORMED'],
    ['undefined', 'f7', 'CODEC_MALFORMED'],
    ['integer beyond 2^53', '1b0020000000000000', 'CODEC_MALFORMED'],
    ['integer map key', 'a10101', 'CODEC_MALFORMED'],
  ];
  for (const [what, bytes, code] of rejections) {
    it(`rejects ${what} with ${code}`, () => {
      expect(codeOf(() => decodeCbor(hex(bytes)))).to.equal(code);
    });
  }

  it('refuses to encode floats and unsafe integers', () => {
    expect(() => encodeCbor(1.5)).to.throw(TypeError);
    expect(() => encodeCbor([2 ** 60])).to.throw(TypeError);
  });
});
