/** The pool commands' option parsing and text, without a node. */
import { expect } from 'chai';
import { bpsText, slippageOption } from '../../rpc/cli/pool-options.ts';
import { tfr } from './run-tfr.ts';

describe('cli: pool options', () => {
  it('--slippage takes a percentage and gives basis points', () => {
    expect(['0.5%', '0.5', '1', '0', '100%', '0.05%', '12.34%'].map(slippageOption)).to.deep.equal([50, 50, 100, 0, 10000, 5, 1234]);
    for (const bad of ['', '-1', '0.005', '101%', 'abc', '1e2', '0.5%%']) expect(() => slippageOption(bad), bad).to.throw(/percentage/);
  });
  it('basis points print as percentages', () => {
    expect([50, 30, 0, 10000, 5, 1234, 100].map(bpsText)).to.deep.equal(['0.5%', '0.3%', '0%', '100%', '0.05%', '12.34%', '1%']);
  });
  it('usage errors exit 2 before any request', async () => {
    const env = { HOME: '/nonexistent-home-for-tests', TFR_RPC: 'http://127.0.0.1:9' };
    const both = await tfr(['quote', '--in', 'TFT', '--amount', '1', '--out', '1'], { env });
    expect(both.code).to.equal(2);
    expect(both.stderr).to.match(/^error: CLI_USAGE: give exactly one of --amount/);
    const slip = await tfr(['swap', '--in', 'TFT', '--amount', '1', '--slippage', '150%', '--key', 'alice'], { env });
    expect(slip.code).to.equal(2);
    expect(slip.stderr).to.match(/CLI_USAGE: .*--slippage/);
    const shares = await tfr(['liquidity', 'remove', '--shares', '1.5', '--key', 'alice'], { env });
    expect(shares.code).to.equal(2);
  });
});
