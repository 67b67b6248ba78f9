/**
 * The chain commands (status, account, transfer, tx, blocks) run in-process against a scripted
 * node (fake fetch and WebSocket): what they request, what they print (text and --json), the txs
 * they sign, and their errors (`error: CODE: message`, a hint line, exit 1; usage exit 2).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { transferCommand } from '../../chain/ledger/transfer-command.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { runCli } from '../../rpc/cli/main.ts';
import type { CliIo } from '../../rpc/cli/cli-io.ts';
import { encodeKeyFile } from '../../rpc/cli/key-file.ts';
import { writeTextFile } from '../../rpc/cli/cli-files.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';
import { REPO_ROOT, field, tempDir } from './run-tfr.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string>;
  interrupt?: { fire?: () => void };
  /** Called whenever output is written (to drive a --follow run). */
  onOut?: (stdout: string) => void;
}

function start(node: FakeRpcNode, argv: string[], o: RunOptions = {}): { result: Promise<Run>; out: () => string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (s) => {
      stdout += s;
      o.onOut?.(stdout);
    },
    err: (s) => void (stderr += s),
    env: o.env ?? { HOME: '/nonexistent-home-for-tests' },
    cwd: REPO_ROOT,
    fetch: node.fetch,
    WebSocket: node.WebSocket,
    onInterrupt: (handler) => {
      if (o.interrupt !== undefined) o.interrupt.fire = handler;
      return () => {
        if (o.interrupt !== undefined) delete o.interrupt.fire;
      };
    },
  };
  return { result: runCli(argv, io).then((code) => ({ code, stdout, stderr })), out: () => stdout };
}

const tfr = (node: FakeRpcNode, argv: string[], o: RunOptions = {}): Promise<Run> => start(node, argv, o).result;

const ALICE = addressFromPublicKey('fake', testAccountKey(TESTNET_SEED, 'alice').publicKey);
const BOB = addressFromPublicKey('fake', testAccountKey(TESTNET_SEED, 'bob').publicKey);
const urls = (node: FakeRpcNode): string[] => node.requests.map((r) => `${r.method} ${r.url.toString()}`);

describe('cli: tfr status / account / tx', () => {
  it('status prints the chain in text, or the JSON with --json', async () => {
    const node = new FakeRpcNode();
    const r = await tfr(node, ['status']);
    expect(r.code, r.stderr).to.equal(0);
    expect(field(r.stdout, 'chain id')).to.equal('tfr-fake-1 (region fake)');
    expect(field(r.stdout, 'height')).to.equal('41');
    expect(field(r.stdout, 'min fee')).to.equal('0.0001 CHI');
    expect(field(r.stdout, 'assets')).to.equal('TFT (7 decimals), CHI (7 decimals)');
    expect(field(r.stdout, 'anchored')).to.equal('not yet');
    expect(urls(node)).to.deep.equal(['GET http://127.0.0.1:26657/status']);
    const json = await tfr(node, ['status', '--json', '--rpc', 'http://other:9']);
    expect(JSON.parse(json.stdout)).to.deep.equal(node.status);
    expect(urls(node)[1]).to.equal('GET http://other:9/status');
    await tfr(node, ['status'], { env: { TFR_RPC: 'https://env.example/x' } });
    expect(urls(node)[2]).to.equal('GET https://env.example/x/status');
    const bad = await tfr(node, ['status', '--rpc', 'ftp://x']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/^error: CLI_USAGE: --rpc wants an http/);
  });

  it('account shows nonce and balances in tokens, for an address or the --key account', async () => {
    const node = new FakeRpcNode();
    node.accounts.set(ALICE, { nonce: 3, pendingNonce: 5, balances: { TFT: '10000000000000', REGIONAL: '125000001' } });
    const r = await tfr(node, ['account', ALICE]);
    expect(r.code, r.stderr).to.equal(0);
    expect(field(r.stdout, 'address')).to.equal(ALICE);
    expect(field(r.stdout, 'nonce')).to.equal('3 (2 pending; the next tx uses 5)');
    expect(r.stdout).to.match(/^balance\s+1000000 TFT\n\s+12\.5000001 CHI$/m);
    const byKey = await tfr(node, ['account', '--key', 'alice', '--json']);
    expect(byKey.code, byKey.stderr).to.equal(0);
    expect(JSON.parse(byKey.stdout)).to.deep.include({ address: ALICE, nonce: 3, pendingNonce: 5 });

    const both = await tfr(node, ['account', ALICE, '--key', 'alice']);
    expect([both.code, both.stderr]).to.deep.equal([2, 'error: CLI_USAGE: give an ADDRESS or --key, not both\n']);
    const neither = await tfr(node, ['account']);
    expect(neither.code).to.equal(2);
    expect(neither.stderr).to.contain('needs --key');
    const viaEnv = await tfr(node, ['account'], { env: { TFR_KEY: 'alice', HOME: '/nonexistent' } });
    expect(field(viaEnv.stdout, 'address')).to.equal(ALICE);
  });

  it('--key reads $TFR_HOME/keys/NAME.json or a path before the test accounts, and names a missing key', async () => {
    const tmp = tempDir();
    try {
      const own = deriveEd25519Key('cli-chain-test', 'own');
      writeTextFile(join(tmp.dir, 'keys', 'alice.json'), encodeKeyFile({ name: 'alice', publicKey: own.publicKey, secretKey: own.secret }));
      const node = new FakeRpcNode();
      const mine = addressFromPublicKey('fake', own.publicKey);
      let r = await tfr(node, ['account', '--key', 'alice'], { env: { TFR_HOME: tmp.dir } });
      expect(field(r.stdout, 'address')).to.equal(mine);
      r = await tfr(node, ['account', '--key', join(tmp.dir, 'keys', 'alice.json')]);
      expect(field(r.stdout, 'address')).to.equal(mine);
      r = await tfr(node, ['account', '--key', 'nobody'], { env: { TFR_HOME: tmp.dir } });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error: CLI_KEY_NOT_FOUND: no key "nobody": .*keys\/nobody\.json does not exist/);
      expect(r.stderr).to.match(/\nhint: create a key with `tfr keys new NAME`/);
      r = await tfr(node, ['account', '--key', './missing.json']);
      expect(r.stderr).to.match(/^error: CLI_FILE_NOT_FOUND: /);
    } finally {
      tmp.remove();
    }
  });

  it('tx shows a committed tx with its result and events in tokens; a pending one; an unknown one fails', async () => {
    const node = new FakeRpcNode();
    node.commitEvents = [
      { module: 'ledger', name: 'fee', data: { from: ALICE, amount: '1000', to: 'fake1treasury' } },
      { module: 'ledger', name: 'transfer', data: { to: BOB, from: ALICE, amount: '125000000', asset: 'TFT' } },
      { module: 'dao', name: 'voted', data: { proposal: 3, yes: true, amount: '5' } },
    ];
    const sent = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '12.5', '--asset', 'TFT']);
    const hash = field(sent.stdout, 'tx');
    const r = await tfr(node, ['tx', hash]);
    expect(r.code, r.stderr).to.equal(0);
    expect(field(r.stdout, 'status')).to.equal('committed in block 42 (index 0)');
    expect(field(r.stdout, 'result')).to.equal('OK');
    expect(field(r.stdout, 'call')).to.equal('ledger/transfer');
    expect(field(r.stdout, 'fee')).to.equal('0.0001 CHI');
    expect([...r.stdout.matchAll(/^event\s+(.+)$/gm)].map((m) => m[1])).to.deep.equal([
      `ledger/fee from=${ALICE} to=fake1treasury amount=0.0001 CHI`,
      `ledger/transfer from=${ALICE} to=${BOB} amount=12.5 TFT`,
      'dao/voted proposal=3 yes=true amount=5',
    ]);
    const json = await tfr(node, ['tx', hash.toUpperCase(), '--json']);
    expect(JSON.parse(json.stdout)).to.deep.equal(node.txs.get(hash));

    const pending = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '1', '--asset', 'TFT', '--no-wait']);
    expect(field((await tfr(node, ['tx', field(pending.stdout, 'tx')])).stdout, 'status')).to.equal('pending (in the mempool)');

    const missing = await tfr(node, ['tx', 'ab'.repeat(32)]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/^error: RPC_TX_NOT_FOUND: .*\nhint: the node knows no such tx/);
    expect((await tfr(node, ['tx', 'xyz'])).code).to.equal(2);
  });
});

describe('cli: tfr transfer', () => {
  it('signs a transfer with the next nonce and the min fee, waits for its block, prints it', async () => {
    const node = new FakeRpcNode();
    node.accounts.set(ALICE, { nonce: 6, pendingNonce: 7, balances: { TFT: '10000000000000', REGIONAL: '10000000000000' } });
    const r = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '12.5', '--asset', 'TFT']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.equal(`note: signing as test account alice, whose key derives from the published seed "${TESTNET_SEED}"\n`);
    const tx = node.submitted[0]!;
    expect([tx.nonce, tx.fee.toString(), tx.expiry, tx.body.module, tx.body.command]).to.deep.equal([7, '1000', 141, 'ledger', 'transfer']);
    const p = transferCommand('fake').decodeParams(tx.body.params);
    expect([p.asset, p.amount.toString(), addressFromPublicKey('fake', testAccountKey(TESTNET_SEED, 'bob').publicKey)]).to.deep.equal(['TFT', '125000000', BOB]);
    expect(r.stdout.split('\n')[0]).to.equal(`sent 12.5 TFT from ${ALICE} to ${BOB}`);
    expect(field(r.stdout, 'tx')).to.equal(toHex(tx.hash));
    expect(field(r.stdout, 'fee')).to.equal('0.0001 CHI (nonce 7, expires after height 141)');
    expect(field(r.stdout, 'status')).to.equal('committed in block 42 (index 0)');
    expect(field(r.stdout, 'result')).to.equal('OK');
    expect(node.requests.at(-1)!.url.search).to.equal('?wait=commit');
  });

  it('takes the regional symbol, a fee and expiry in tokens, --no-wait, --timeout and --json', async () => {
    const node = new FakeRpcNode();
    let r = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '0.0000001', '--asset', 'chi', '--fee', '0.001', '--expiry-blocks', '5', '--no-wait', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    const tx = node.submitted[0]!;
    expect([transferCommand('fake').decodeParams(tx.body.params).asset, transferCommand('fake').decodeParams(tx.body.params).amount.toString()]).to.deep.equal(['REGIONAL', '1']);
    expect([tx.fee.toString(), tx.expiry]).to.deep.equal(['10000', 46]);
    expect(JSON.parse(r.stdout)).to.deep.equal({ hash: toHex(tx.hash) });
    expect(node.requests.at(-1)!.url.search).to.equal('');
    r = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '3', '--asset', 'REGIONAL', '--timeout', '2500', '--json']);
    expect(node.requests.at(-1)!.url.search).to.equal('?wait=commit&timeoutMs=2500');
    expect(JSON.parse(r.stdout)).to.include({ status: 'committed', code: 'OK', height: 42 });
  });

  it('a tx committed with a failure code exits 1 with the code, after printing the tx', async () => {
    const node = new FakeRpcNode();
    node.commitCode = 'LEDGER_INSUFFICIENT_BALANCE';
    const r = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '1', '--asset', 'TFT']);
    expect(r.code).to.equal(1);
    expect(field(r.stdout, 'result')).to.equal('LEDGER_INSUFFICIENT_BALANCE (failed: its fee and nonce were charged, nothing else happened)');
    const lines = r.stderr.split('\n');
    expect(lines[1]).to.match(/^error: LEDGER_INSUFFICIENT_BALANCE: tx [0-9a-f]{64} failed in block 42; its fee \(0\.0001 CHI\) and nonce were charged$/);
    expect(lines[2]).to.match(/^hint: the sender cannot pay/);
  });

  it('rejects bad amounts and assets as usage errors, before signing', async () => {
    const node = new FakeRpcNode();
    const cases: Array<[string[], RegExp]> = [
      [['--amount', '12.50000001', '--asset', 'TFT'], /--amount wants an amount of TFT like 12\.5 \(at most 7 decimals/],
      [['--amount', '-1', '--asset', 'TFT'], /--amount wants/],
      [['--amount', '1e3', '--asset', 'TFT'], /--amount wants/],
      [['--amount', '1', '--asset', 'BTC'], /--asset wants TFT, CHI or REGIONAL, got "BTC"/],
      [['--amount', '1', '--asset', 'TFT', '--fee', '0.5.1'], /--fee wants an amount of CHI/],
    ];
    for (const [args, message] of cases) {
      const r = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, ...args]);
      expect(r.code, args.join(' ')).to.equal(2);
      expect(r.stderr).to.match(/^error: CLI_USAGE: /);
      expect(r.stderr).to.match(message);
    }
    const missing = await tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--asset', 'TFT']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain("required option '--amount <amount>' not specified");
    expect(node.submitted).to.have.length(0);
  });

  it('prints the node rejections, wait timeouts, bad addresses and an unreachable node with hints', async () => {
    const node = new FakeRpcNode();
    const send = (extra: string[] = []) => tfr(node, ['transfer', '--key', 'alice', '--to', BOB, '--amount', '1', '--asset', 'TFT', ...extra]);
    node.failSubmit = { status: 409, code: 'LEDGER_NONCE_TOO_LOW', message: 'nonce 0 was used already' };
    let r = await send();
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('error: LEDGER_NONCE_TOO_LOW: nonce 0 was used already\nhint: another tx of this account used that nonce first');
    node.neverCommit = true;
    r = await send();
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/error: RPC_WAIT_TIMEOUT: tx [0-9a-f]{64} is pending.*\nhint: the tx is pending and may still be committed: check with `tfr tx HASH`\n$/);
    r = await tfr(node, ['transfer', '--key', 'alice', '--to', 'fake1qqqq', '--amount', '1', '--asset', 'TFT']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/error: CRYPTO_BAD_ADDRESS: .*\nhint: addresses are bech32m/);
    r = await tfr(node, ['transfer', '--key', 'alice', '--to', addressFromPublicKey('other', testAccountKey(TESTNET_SEED, 'bob').publicKey), '--amount', '1', '--asset', 'TFT']);
    expect(r.stderr).to.contain('error: CRYPTO_BAD_ADDRESS: address prefix is "other", expected "fake"');
    node.down = true;
    r = await send();
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^error: RPC_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:26657\/status: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:26657\)\nhint: is the node running\? start one with `npm run testnet`/);
  });
});

describe('cli: tfr blocks', () => {
  it('lists the latest 10 by default, a range with --from/--limit, JSON lines with --json', async () => {
    const node = new FakeRpcNode();
    let r = await tfr(node, ['blocks']);
    expect(r.code, r.stderr).to.equal(0);
    const heights = r.stdout.trim().split('\n').map((l) => Number(/^height (\d+) /.exec(l)?.[1]));
    expect(heights).to.deep.equal([32, 33, 34, 35, 36, 37, 38, 39, 40, 41]);
    expect(r.stdout.split('\n')[0]).to.equal(`height 32  2026-11-01T00:00:32.000Z  txs 0  proposer validator-01  hash ${node.blocks.get(32)!.hash}`);
    r = await tfr(node, ['blocks', '--from', '5', '--limit', '3', '--json']);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).to.deep.equal([5, 6, 7].map((h) => node.blocks.get(h)));
    // A rate-limited read is retried after the time the node names.
    node.failOnPath.set('/blocks/6', { status: 429, code: 'RPC_RATE_LIMITED', message: 'more than 600 requests in 1 second', details: { retryAfterMs: 20 } });
    r = await tfr(node, ['blocks', '--from', '5', '--limit', '3']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim().split('\n').map((l) => Number(/^height (\d+) /.exec(l)?.[1]))).to.deep.equal([5, 6, 7]);
    expect(node.requests.filter((q) => q.url.pathname === '/blocks/6')).to.have.length(3);
    r = await tfr(node, ['blocks', '--from', '40', '--limit', '5']);
    expect(r.stdout.trim().split('\n')).to.have.length(2);
    r = await tfr(node, ['blocks', '--from', '100']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^error: RPC_BLOCK_NOT_FOUND: .*\nhint: the chain is not that high yet/);
    expect((await tfr(node, ['blocks', '--limit', '0'])).code).to.equal(2);
  });

  it('--follow prints the latest block, then each new one in order, until --limit', async () => {
    const node = new FakeRpcNode();
    let committed = 0;
    const run = start(node, ['blocks', '--follow', '--limit', '4'], {
      onOut: (out) => {
        // Each printed block makes the node commit another; one commit is announced twice, one
        // announcement is skipped: the output must still be 41, 42, 43, 44 exactly once each.
        const printed = out.trim().split('\n').length;
        if (printed === 1 && committed === 0) {
          committed++;
          setTimeout(() => {
            node.commitBlock();
            node.sockets[0]!.onmessage?.({ data: JSON.stringify({ kind: 'block', height: 42 }) });
          }, 5);
        } else if (printed === 2 && committed === 1) {
          committed++;
          // 43 is committed silently, 44 announced: the CLI fetches both.
          setTimeout(() => {
            const silent = node.sockets[0]!.onmessage;
            node.sockets[0]!.onmessage = null;
            node.commitBlock();
            node.sockets[0]!.onmessage = silent;
            node.commitBlock();
          }, 5);
        }
      },
    });
    const r = await run.result;
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim().split('\n').map((l) => Number(/^height (\d+) /.exec(l)?.[1]))).to.deep.equal([41, 42, 43, 44]);
    expect(node.sockets[0]!.url.pathname + node.sockets[0]!.url.search).to.equal('/events?kinds=block');
    expect(node.sockets[0]!.closed).to.equal(true);
  });

  it('--follow --from starts in the past; Ctrl-C ends it with exit 0; a closed stream is an error', async () => {
    const node = new FakeRpcNode();
    const interrupt: { fire?: () => void } = {};
    const run = start(node, ['blocks', '--follow', '--from', '39'], { interrupt });
    for (let i = 0; i < 100 && run.out().trim().split('\n').length < 3; i++) await new Promise((res) => setTimeout(res, 5));
    expect(interrupt.fire).to.be.a('function');
    interrupt.fire!();
    const r = await run.result;
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim().split('\n').map((l) => Number(/^height (\d+) /.exec(l)?.[1]))).to.deep.equal([39, 40, 41]);
    expect(node.sockets[0]!.closed).to.equal(true);
    expect(interrupt.fire).to.equal(undefined);

    const node2 = new FakeRpcNode();
    const run2 = start(node2, ['blocks', '--follow']);
    for (let i = 0; i < 100 && run2.out() === ''; i++) await new Promise((res) => setTimeout(res, 5));
    node2.sockets[0]!.onclose?.({ code: 1013, reason: 'too slow' });
    const r2 = await run2.result;
    expect(r2.code).to.equal(1);
    expect(r2.stderr).to.match(/^error: CLI_STREAM_CLOSED: the node closed the event stream \(code 1013, too slow\)\nhint: /);
  });
});
