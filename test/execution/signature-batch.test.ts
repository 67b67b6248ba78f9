import { expect } from 'chai';
import BN from 'bn.js';
import { mainThreadVerifier, threadPoolVerifier } from '../../chain/tx/signature-verifier.ts';
import { addressOf, makeGenesis, ONE, openTestChain, testKey, transferTx } from '../fixtures/test-chain.ts';
import { expectCode } from '../fixtures/expect-code.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const genesis = makeGenesis({ alice: { TFT: ONE.muln(100), REGIONAL: ONE.muln(100) }, bob: { TFT: ONE, REGIONAL: ONE } });

function forged(tx: Uint8Array): Uint8Array {
  const copy = tx.slice();
  copy[copy.length - 1]! ^= 1;
  return copy;
}

for (const [name, verifier] of [['main thread', mainThreadVerifier()], ['thread pool', threadPoolVerifier(2)]] as const) {
  describe(`signature checks overlapping execution (${name})`, () => {
    it('verifies every signature of a batch, in order', async () => {
      const txs = [0, 1, 2, 3, 4].map((nonce) => transferTx(alice, addressOf(bob), 'TFT', new BN(1), { nonce }));
      const chain = await openTestChain({ genesis, verifier });
      const applied = await chain.apply(txs);
      expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK', 'OK', 'OK', 'OK']);
    });

    it('reports a bad signature before a later invalid tx', async () => {
      const chain = await openTestChain({ genesis, verifier });
      const txs = [
        transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }),
        forged(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1 })),
        transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 9 }),
      ];
      const err = await expectCode(chain.apply(txs), 'EXEC_INVALID_TX');
      expect([err.details?.['index'], err.details?.['reason']]).to.deep.equal([1, 'TX_BAD_SIGNATURE']);
      expect(chain.store.tip().height).to.equal(0);
    });

    it('reports an earlier invalid tx before a later bad signature', async () => {
      const chain = await openTestChain({ genesis, verifier });
      const txs = [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 5 }), forged(transferTx(bob, addressOf(alice), 'TFT', ONE, { nonce: 0 }))];
      const err = await expectCode(chain.apply(txs), 'EXEC_INVALID_TX');
      expect([err.details?.['index'], err.details?.['reason']]).to.deep.equal([0, 'LEDGER_NONCE_TOO_HIGH']);
    });

    it('rejects a block whose only defect is a bad signature, executed or not', async () => {
      const chain = await openTestChain({ genesis, verifier });
      const err = await expectCode(chain.apply([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }), forged(transferTx(bob, addressOf(alice), 'TFT', ONE, { nonce: 0 }))]), 'EXEC_INVALID_TX');
      expect(err.details?.['reason']).to.equal('TX_BAD_SIGNATURE');
      expect(chain.store.tip().height).to.equal(0);
    });
  });
}
