/**
 * End to end, as a trader on the published testnet: the 99 validators of genesis/testnet.json
 * (with its pool) in this process with the RPC on loopback, a quote read with GET /pool/quote at
 * height h, `tfr swap` of that amount by the funded test account "carol" (key by name), and the
 * balances moved exactly as the quote predicted for the reserves of the state the swap executed
 * on (if a block came between, the quote is recomputed from the swap event's reserves).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { getAmountOut, poolSectionOf } from '../../defi/index.ts';
import { testAccountKey, TESTNET_SEED } from '../../genesis/test-accounts.ts';
import { addressFromPublicKey, BN, type TfrClient } from '../../rpc/client/index.ts';
import { tfr } from '../cli/run-tfr.ts';
import { startE2eTestnet, type E2eTestnet } from '../fixtures/e2e-testnet.ts';

describe('e2e: a CLI swap on the 99-validator testnet, as quoted', function () {
  this.timeout(120_000);
  let net: E2eTestnet;
  let url: string;
  let client: TfrClient;

  before(async () => {
    net = await startE2eTestnet('swap');
    expect(poolSectionOf(net.genesis), 'genesis/testnet.json has a pool').to.not.equal(undefined);
    ({ url, client } = net);
  });
  after(async () => net?.close());

  it('sells 250 TFT for CHI: balances move by the quote of the executing state', async () => {
    const status = await client.status();
    const carol = addressFromPublicKey(status.addressPrefix, testAccountKey(TESTNET_SEED, 'carol').publicKey);
    const amountIn = new BN('2500000000'); // 250 TFT at 7 decimals
    const quote = await client.quote({ in: 'TFT', amount: amountIn });
    const before = await client.account(carol);

    const env = { TFR_RPC: url, HOME: '/nonexistent-home-for-tests', TFR_HOME: join(net.scratch, 'no-keys-here') };
    const sent = await tfr(['swap', '--key', 'carol', '--in', 'TFT', '--amount', '250', '--json'], { env });
    expect(sent.code, sent.stderr).to.equal(0);
    const view = JSON.parse(sent.stdout) as { code: string; height: number; tx: { fee: string }; events: Array<{ module: string; name: string; data: Record<string, string> }> };
    expect(view.code).to.equal('OK');
    const ev = view.events.find((e) => e.module === 'pool' && e.name === 'swap')!;
    expect(ev.data).to.include({ assetIn: 'TFT', amountIn: amountIn.toString() });

    // The reserves the swap executed on: the event's reserves after it, undone.
    const amountOut = new BN(ev.data['amountOut']!);
    const rTft = new BN(ev.data['reserveTFT']!).sub(amountIn);
    const rRegional = new BN(ev.data['reserveREGIONAL']!).add(amountOut);
    const pool = await client.pool();
    const expected = getAmountOut(amountIn, rTft, rRegional, pool.feeBps);
    expect(amountOut.toString()).to.equal(expected.toString());
    if (rTft.toString() === quote.reserves.TFT && rRegional.toString() === quote.reserves.REGIONAL) {
      // No other trade came between: the quote read at height h is exactly what happened.
      expect(amountOut.toString()).to.equal(quote.amountOut);
    }

    const after = await client.account(carol);
    expect(new BN(before.balances.TFT).sub(new BN(after.balances.TFT)).toString()).to.equal(amountIn.toString());
    expect(new BN(after.balances.REGIONAL).sub(new BN(before.balances.REGIONAL)).add(new BN(view.tx.fee)).toString()).to.equal(amountOut.toString());
    expect(after.nonce).to.equal(before.nonce + 1);
  });
});
