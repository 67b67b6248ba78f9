/**
 * End to end, as a user of the published testnet: the 99 validators of genesis/testnet.json in
 * this process with the RPC on loopback (what `tfr testnet` starts), a transfer made with the CLI
 * by the funded test account "alice" (key by name), both balances changed as the CLI said, and
 * the receiver's account proven with the SDK against the state root of the next block's header.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { testAccountKey, TESTNET_SEED } from '../../genesis/test-accounts.ts';
import { BN, verifyAccountProof, addressFromPublicKey, type TfrClient } from '../../rpc/client/index.ts';
import { tfr } from '../cli/run-tfr.ts';
import { startE2eTestnet, type E2eTestnet } from '../fixtures/e2e-testnet.ts';

describe('e2e: a CLI transfer on the 99-validator testnet, proven with the SDK', function () {
  this.timeout(120_000);
  let net: E2eTestnet;
  let url: string;
  let client: TfrClient;

  before(async () => {
    net = await startE2eTestnet('transfer');
    ({ url, client } = net);
  });
  after(async () => net?.close());

  it('moves 12.5 TFT from alice to bob, and bob\'s new balance verifies against the next header', async () => {
    const prefix = (await client.status()).addressPrefix;
    const alice = addressFromPublicKey(prefix, testAccountKey(TESTNET_SEED, 'alice').publicKey);
    const bob = addressFromPublicKey(prefix, testAccountKey(TESTNET_SEED, 'bob').publicKey);
    const [alice0, bob0] = await Promise.all([client.account(alice), client.account(bob)]);

    const env = { TFR_RPC: url, HOME: '/nonexistent-home-for-tests', TFR_HOME: join(net.scratch, 'no-keys-here') };
    const sent = await tfr(['transfer', '--key', 'alice', '--to', bob, '--amount', '12.5', '--asset', 'TFT', '--json'], { env });
    expect(sent.code, sent.stderr).to.equal(0);
    const result = JSON.parse(sent.stdout) as { status: string; code: string; height: number; hash: string };
    expect(result).to.include({ status: 'committed', code: 'OK' });

    const [alice1, bob1] = await Promise.all([client.account(alice), client.account(bob)]);
    const amount = new BN('125000000'); // 12.5 TFT at 7 decimals
    expect(new BN(bob1.balances.TFT).sub(new BN(bob0.balances.TFT)).toString()).to.equal(amount.toString());
    expect(new BN(alice0.balances.TFT).sub(new BN(alice1.balances.TFT)).toString()).to.equal(amount.toString());
    expect(new BN(alice0.balances.REGIONAL).sub(new BN(alice1.balances.REGIONAL)).toString()).to.equal((await client.status()).minFee);
    expect(alice1.nonce).to.equal(alice0.nonce + 1);

    const proof = await client.accountProof(bob);
    expect(proof.height).to.be.at.least(result.height);
    expect(proof.account.balances.TFT).to.equal(bob1.balances.TFT);
    // The root after block h is the stateRoot in the header of block h + 1: trust only that header.
    let next = await client.block(proof.height + 1).catch(() => undefined);
    for (let i = 0; i < 100 && next === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      next = await client.block(proof.height + 1).catch(() => undefined);
    }
    expect(next, 'block after the proof height').to.not.equal(undefined);
    expect(verifyAccountProof(proof, next!.header.stateRoot)).to.equal(true);
    // The same proof does not verify a different balance or against another block's root.
    const inflated = { ...proof, account: { ...proof.account, balances: { ...proof.account.balances, TFT: new BN(proof.account.balances.TFT).addn(1).toString() } } };
    expect(verifyAccountProof(inflated, next!.header.stateRoot)).to.equal(false);
    const older = await client.block(result.height);
    expect(verifyAccountProof(proof, older.header.stateRoot)).to.equal(false);
  });
});
