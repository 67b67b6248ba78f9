/**
 * End to end on the committed testnet genesis: parse genesis/testnet.json, initialize a LevelDB
 * chain from it, apply a block of signed transfers between test accounts, reopen, and prove a
 * balance offline against the state root.
 */
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import { accountCodec } from '../../chain/ledger/account.ts';
import { accountStateKey, getAccount } from '../../chain/ledger/ledger-state.ts';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { openTestChain, transferTx } from '../fixtures/test-chain.ts';

describe('scenario: a chain from genesis/testnet.json', () => {
  const genesis = parseGenesis(fs.readFileSync(new URL('../../genesis/testnet.json', import.meta.url), 'utf8'), { sections: regionGenesisSections() });
  const alice = testAccountKey(TESTNET_SEED, 'alice');
  const bob = testAccountKey(TESTNET_SEED, 'bob');
  const bobAddr = addressBytesFromPublicKey(bob.publicKey);
  const tft = new BN(10).pow(new BN(genesis.assets.tft.decimals));

  it('applies transfers between funded test accounts, survives a reopen and proves balances offline', async () => {
    expect(genesis.validators).to.have.length(99);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-scenario-'));
    try {
      const chain = await openTestChain({ genesis, kv: await openLevelKvStore(dir) });
      const opts = { chainId: genesis.chainId, fee: genesis.ledger.minFee };
      const applied = await chain.apply([
        transferTx(alice, bobAddr, 'TFT', tft.muln(250), { ...opts, nonce: 0 }),
        transferTx(alice, bobAddr, 'REGIONAL', tft.muln(3), { ...opts, nonce: 1 }),
      ]);
      expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK']);
      await chain.store.close();

      const reopened = await openTestChain({ genesis, kv: await openLevelKvStore(dir) });
      const bobAccount = await getAccount(reopened.store.state, bobAddr);
      const start = genesis.accounts.find((a) => a.name === 'bob')!.balances;
      expect(bobAccount.balances.TFT.toString()).to.equal(start.TFT.add(tft.muln(250)).toString());
      expect(bobAccount.balances.REGIONAL.toString()).to.equal(start.REGIONAL.add(tft.muln(3)).toString());

      const { root, value, proof } = await reopened.store.state.prove(accountStateKey(bobAddr));
      expect(toHex(root)).to.equal(toHex(applied.stateRoot));
      expect(value).to.not.equal(null);
      expect(verifyProof(root, accountStateKey(bobAddr), value, proof)).to.equal(true);
      expect(accountCodec.decode(value!).balances.TFT.toString()).to.equal(bobAccount.balances.TFT.toString());
      // a forged balance does not verify
      const forged = accountCodec.encode({ nonce: 0, balances: { TFT: bobAccount.balances.TFT.muln(2), REGIONAL: bobAccount.balances.REGIONAL } });
      expect(verifyProof(root, accountStateKey(bobAddr), forged, proof)).to.equal(false);
      await reopened.store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
