/** Hostile blocks: any tampered tx makes the block invalid with a code, and the store is untouched. */
import { expect } from 'chai';
import fc from 'fast-check';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import { decodeBlock, encodeBlock, txsHashOf } from '../../chain/block/block-codec.ts';
import { addressOf, makeGenesis, ONE, openTestChain, testKey, transferTx } from '../fixtures/test-chain.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const genesis = makeGenesis({ alice: { TFT: ONE.muln(100), REGIONAL: ONE.muln(100) }, bob: { TFT: ONE, REGIONAL: ONE } });

describe('block execution under hostile input', () => {
  it('rejects any block whose txs were tampered with, changing nothing, then accepts the honest block', async () => {
    const chain = await openTestChain({ genesis });
    const txs = [transferTx(alice, addressOf(bob), 'TFT', new BN(5), { nonce: 0 }), transferTx(bob, addressOf(alice), 'REGIONAL', new BN(7), { nonce: 0 })];
    const root = toHex(chain.store.state.root());
    await fc.assert(
      fc.asyncProperty(fc.nat(1), fc.nat(), fc.integer({ min: 1, max: 255 }), async (which, at, xor) => {
        const tampered = txs.map((t) => t.slice());
        const victim = tampered[which]!;
        victim[at % victim.length]! ^= xor;
        let code = 'accepted';
        try {
          await chain.apply(tampered);
        } catch (e) {
          if (!isChainError(e)) throw e;
          code = e.code;
        }
        expect(code).to.be.oneOf(['EXEC_INVALID_TX', 'EXEC_DUPLICATE_TX']);
        expect(toHex(chain.store.state.root())).to.equal(root);
        expect(chain.store.tip().height).to.equal(0);
      }),
      { numRuns: 300 },
    );
    const ok = await chain.apply(txs);
    expect(ok.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK']);
    expect(txsHashOf(txs)).to.deep.equal((await chain.store.blocks.block(1))!.header.txsHash);
  });

  it('decodes stored blocks strictly: random or tampered bytes are a ChainError', async () => {
    const chain = await openTestChain({ genesis });
    const bytes = encodeBlock(chain.next([transferTx(alice, addressOf(bob), 'TFT', new BN(5), { nonce: 0 })]));
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), fc.uint8Array({ maxLength: 64 }), (at, xor, junk) => {
        for (const candidate of [Uint8Array.from(bytes, (b, i) => (i === at ? b ^ xor : b)), junk]) {
          try {
            decodeBlock(candidate);
          } catch (e) {
            expect(isChainError(e), String(e)).to.equal(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
