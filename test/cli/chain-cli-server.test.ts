/**
 * The chain commands against the real server (test/fixtures/rpc-chain.ts) with the real fetch and
 * the ws package, as `tfr` runs them: keys from $TFR_HOME, the node from $TFR_RPC.
 */
import { expect } from 'chai';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { cliEnvFor, field, tfr } from './run-tfr.ts';

describe('cli: chain commands against the server', function () {
  this.timeout(60_000);
  let c: RpcChain;
  let cli: ReturnType<typeof cliEnvFor>;
  let env: Record<string, string>;
  before(async () => {
    c = await startRpcChain({ listen: true });
    cli = cliEnvFor(c.url!, ['alice', 'bob'].map((name) => ({ name, ...c.key(name) })));
    env = cli.env;
    await c.waitForHeight(2);
  });
  after(async () => {
    await c.close();
    cli.remove();
  });

  it('status, transfer, account and tx tell one consistent story', async () => {
    const status = await tfr(['status'], { env });
    expect(status.code, status.stderr).to.equal(0);
    expect(field(status.stdout, 'chain id')).to.equal(`${c.genesis.chainId} (region ${c.genesis.region})`);
    expect(field(status.stdout, 'min fee')).to.equal('0.0001 CHI');

    const before = await tfr(['account', '--key', 'bob'], { env });
    expect(field(before.stdout, 'address')).to.equal(c.address('bob'));
    expect(before.stdout).to.match(/^balance\s+1000000 TFT$/m);

    const sent = await tfr(['transfer', '--key', 'alice', '--to', c.address('bob'), '--amount', '12.5', '--asset', 'TFT'], { env });
    expect(sent.code, sent.stderr).to.equal(0);
    expect(sent.stderr).to.equal('');
    expect(field(sent.stdout, 'status')).to.match(/^committed in block \d+ \(index 0\)$/);
    expect(field(sent.stdout, 'result')).to.equal('OK');

    const after = await tfr(['account', c.address('bob')], { env });
    expect(after.stdout).to.match(/^balance\s+1000012\.5 TFT$/m);
    const tx = await tfr(['tx', field(sent.stdout, 'tx')], { env });
    const events = [...tx.stdout.matchAll(/^event\s+(.+)$/gm)].map((m) => m[1]);
    expect(events).to.have.length(2);
    expect(events).to.include(`ledger/transfer from=${c.address('alice')} to=${c.address('bob')} amount=12.5 TFT`);
    expect(events.find((e) => e!.startsWith('ledger/fee '))).to.match(new RegExp(`^ledger/fee from=${c.address('alice')} to=rpctest1\\w+ amount=0\\.0001 CHI$`));
    const json = JSON.parse((await tfr(['tx', field(sent.stdout, 'tx'), '--json'], { env })).stdout) as { code: string };
    expect(json.code).to.equal('OK');
  });

  it('transfer errors come back with the server code and a hint', async () => {
    const r = await tfr(['transfer', '--key', 'alice', '--to', c.address('alice'), '--amount', '1', '--asset', 'CHI'], { env });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^error: LEDGER_SELF_TRANSFER: .*\nhint: --to is the sender itself\n$/);
    const poor = await tfr(['transfer', '--key', 'alice', '--to', c.address('bob'), '--amount', '999999999', '--asset', 'TFT'], { env });
    expect(poor.code).to.equal(1);
    expect(poor.stderr).to.match(/^error: LEDGER_INSUFFICIENT_BALANCE: /);
  });

  it('blocks lists committed blocks and --follow prints new ones over the ws package', async () => {
    const list = await tfr(['blocks', '--from', '1', '--limit', '2'], { env });
    expect(list.code, list.stderr).to.equal(0);
    expect(list.stdout.trim().split('\n').map((l) => /^height (\d+) /.exec(l)?.[1])).to.deep.equal(['1', '2']);
    const from = c.height() + 1;
    const follow = await tfr(['blocks', '--follow', '--from', String(from), '--limit', '3', '--json'], { env });
    expect(follow.code, follow.stderr).to.equal(0);
    const heights = follow.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { height: number }).height);
    expect(heights).to.deep.equal([from, from + 1, from + 2]);
  });

  it('an address with nothing listening is RPC_UNREACHABLE with the start hint', async () => {
    const r = await tfr(['status', '--rpc', 'http://127.0.0.1:1'], { env });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^error: RPC_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:1\/status: .*\nhint: is the node running\? start one with `npm run testnet`/);
  });
});
