/** Hostile bytes: whatever a peer or client sends, decoding answers a value or a ChainError, never a crash. */
import { expect } from 'chai';
import fc from 'fast-check';
import BN from 'bn.js';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { amountToBytes } from '../../chain/amount.ts';
import { isChainError } from '../../chain/errors.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { addressOf, testKey, transferTx } from '../fixtures/test-chain.ts';
import { codeOf } from '../fixtures/expect-code.ts';

const valid = transferTx(testKey('alice'), addressOf(testKey('bob')), 'TFT', new BN(5), { nonce: 0 });

function decodesOrChainError(bytes: Uint8Array): boolean {
  try {
    decodeTx(bytes, 65536);
    return true;
  } catch (e) {
    return isChainError(e) && e.code === 'TX_MALFORMED';
  }
}

describe('transaction decoding under hostile input', () => {
  it('never throws anything but TX_MALFORMED for mutated, truncated or extended txs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(valid.length), fc.uint8Array({ maxLength: 4 }), (edits, cut, tail) => {
        const bytes = valid.slice();
        for (const [i, b] of edits) bytes[i] = b;
        expect(decodesOrChainError(bytes)).to.equal(true);
        expect(decodesOrChainError(new Uint8Array([...bytes.subarray(0, cut), ...tail]))).to.equal(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but TX_MALFORMED for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodesOrChainError(bytes)).to.equal(true);
      }), { numRuns: 2000 });
  });

  for (const chainId of ['', 'tfr\u0001x', 'tfr-é', 'x'.repeat(65)]) {
    it(`rejects the chain id ${JSON.stringify(chainId.slice(0, 12))} as TX_MALFORMED`, () => {
      const items = [1, chainId, testKey('alice').publicKey, 0, amountToBytes(new BN(1000)), 10, 'ledger', 'transfer', null, new Uint8Array(64)];
      expect(codeOf(() => decodeTx(encodeCbor(items), 65536))).to.equal('TX_MALFORMED');
    });
  }
});
