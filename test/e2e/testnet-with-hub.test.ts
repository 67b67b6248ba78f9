/**
 * As a user would, only through the CLI (`node bin/tfr.js ...` child processes): a matching region
 * and Hub genesis generated with 4 validators each and an anchor every 4 blocks; `tfr testnet
 * --with-hub` runs both chains and the relayer; `tfr anchors` shows the anchored height advancing
 * on the region and the region's last height advancing on the Hub; `tfr bridge deposit` on the Hub
 * and `tfr bridge withdraw --release` on the region move TFT, the balances on both chains changing
 * by exactly the amount (`tfr account`); Ctrl-C stops everything cleanly.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tfrJson, tfrProcess, until as untilDefined } from '../fixtures/tfr-testnet-process.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SEED = 'tfr-public-testnet-v1'; // so `--key alice` (the published test accounts) signs on both chains
const REGION = 'tfr-e2e-1';
const HUB = 'tfr-e2e-hub-1';
const INTERVAL = 4;
const WAIT_MS = 60_000;

/** The polls of this test wait up to a minute, the anchors of a loaded machine take that long. */
const until = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> => untilDefined(what, check, timeoutMs, 300);

interface Account {
  address: string;
  balances: { TFT: string; REGIONAL: string };
}
interface RegionAnchors {
  role: string;
  anchoredHeight: number | null;
  certificates: { height: number }[];
}
interface HubAnchors {
  role: string;
  regions: { chainId: string; lastHeight: number; frozen: boolean }[];
}

describe('e2e: tfr testnet --with-hub', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-e2e-with-hub-'));
  const regionFile = path.join(dir, 'region.json');
  const hubFile = path.join(dir, 'hub.json');
  let child: ChildProcess | undefined;
  let output = '';
  let exited: Promise<number | null> = Promise.resolve(null);
  let region = '';
  let hub = '';
  const account = (key: string, rpc: string): Promise<Account> => tfrJson<Account>(['account', '--key', key, '--rpc', rpc]);

  before(async function () {
    this.timeout(120_000);
    const generated = await Promise.all([
      tfrProcess(['genesis', 'new', '--region', 'e2e', '--chain-id', REGION, '--validators', '4', '--seed', SEED, '--hub', `${HUB}:hub:4`, '--anchor-interval', String(INTERVAL), '--out', regionFile]),
      tfrProcess(['genesis', 'new', '--region', 'hub', '--chain-id', HUB, '--symbol', 'HUB', '--validators', '4', '--seed', SEED, '--register-region', `${REGION}:e2e:4`, '--anchor-interval', String(INTERVAL), '--out', hubFile]),
    ]);
    for (const g of generated) expect(g.code, g.stderr).to.equal(0);

    const args = ['bin/tfr.js', 'testnet', '--with-hub', '--genesis', regionFile, '--hub-genesis', hubFile, '--data', path.join(dir, 'region'), '--hub-data', path.join(dir, 'hub'), '--rpc', '127.0.0.1:0', '--hub-rpc', '127.0.0.1:0', '--relayer-poll', '500'];
    const c = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    exited = new Promise((resolve) => c.on('exit', (code) => resolve(code)));
    c.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    c.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
    const urls = await until('both RPC addresses', async () => {
      if (c.exitCode !== null) throw new Error(`tfr testnet --with-hub exited ${c.exitCode}:\n${output}`);
      const r = /^ {2}rpc\s+(http:\/\/\S+)/m.exec(output)?.[1];
      const h = /^ {2}hub rpc\s+(http:\/\/\S+)/m.exec(output)?.[1];
      return r !== undefined && h !== undefined ? { r, h } : undefined;
    });
    region = urls.r;
    hub = urls.h;
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`--- tfr testnet --with-hub output (last 6000 characters)\n${output.slice(-6000)}`);
  });

  after(async () => {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a Hub genesis that does not register the region, naming what differs', async () => {
    const r = await tfrProcess(['testnet', '--with-hub', '--genesis', regionFile, '--hub-genesis', regionFile, '--data', path.join(dir, 'x'), '--rpc', '127.0.0.1:0', '--hub-rpc', '127.0.0.1:0']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^error: CLI_GENESIS_MISMATCH: .*region\.json \(tfr-e2e-1\) is not a Hub genesis/);
  });

  it('anchors advance on both sides: the region records receipts, the Hub the region\'s last height', async () => {
    const first = await until('a first receipt on the region', async () => {
      const a = await tfrJson<RegionAnchors>(['anchors', '--rpc', region]);
      expect(a.role).to.equal('region');
      return a.anchoredHeight !== null && a.anchoredHeight > 0 ? a.anchoredHeight : undefined;
    });
    expect(first % INTERVAL).to.equal(0);
    const onHub = await tfrJson<HubAnchors>(['anchors', '--rpc', hub, '--region', REGION]);
    expect(onHub.role).to.equal('hub');
    expect(onHub.regions[0]!.chainId).to.equal(REGION);
    expect(onHub.regions[0]!.frozen).to.equal(false);
    expect(onHub.regions[0]!.lastHeight).to.be.at.least(first);
    const hubBefore = onHub.regions[0]!.lastHeight;
    const later = await until('the anchored height to advance on the region', async () => {
      const a = await tfrJson<RegionAnchors>(['anchors', '--rpc', region]);
      return (a.anchoredHeight ?? 0) > first ? a.anchoredHeight! : undefined;
    });
    expect(later % INTERVAL).to.equal(0);
    const hubLater = await until('the region\'s last height to advance on the Hub', async () => {
      const h = (await tfrJson<HubAnchors>(['anchors', '--rpc', hub, '--region', REGION])).regions[0]!.lastHeight;
      return h > hubBefore ? h : undefined;
    });
    expect(hubLater).to.be.above(hubBefore);
    // The progress display: one line per regional block with the Hub and the anchoring; the relayer's actions.
    expect(output).to.match(/^height \d+ {2}round \d+ {2}block time [\d.]+ s {2}signers \d\/4 {2}txs \d+ {2}\| hub \d+ \([\d.]+ s\) {2}anchored \d+ {2}receipt \d+$/m);
    expect(output).to.match(/^relayer: anchored region height \d+ in Hub block \d+$/m);
    expect(output).to.match(/^relayer: region recorded the Hub receipt: anchored height \d+/m);
  });

  it('a deposit on the Hub moves exactly its amount to the region once the relayer claims it', async () => {
    const [senderBefore, recipientBefore] = await Promise.all([account('alice', hub), account('bob', region)]);
    const r = await tfrProcess(['bridge', 'deposit', '--key', 'alice', '--region', REGION, '--to', recipientBefore.address, '--amount', '12.5', '--wait-claim', '--wait-timeout', String(WAIT_MS), '--rpc', region, '--hub-rpc', hub, '--json']);
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    const out = JSON.parse(r.stdout) as { transferId: string; tx: { code: string }; claim: { status: string; claim: { amount: string } } | null };
    expect(out.tx.code).to.equal('OK');
    expect(out.claim?.status).to.equal('claimed');
    const amount = 125_000_000n; // 12.5 TFT, 7 decimals
    expect(out.claim?.claim.amount).to.equal(amount.toString());
    const [senderAfter, recipientAfter] = await Promise.all([account('alice', hub), account('bob', region)]);
    expect(BigInt(senderAfter.balances.TFT)).to.equal(BigInt(senderBefore.balances.TFT) - amount); // the fee is paid in HUB
    expect(BigInt(recipientAfter.balances.TFT)).to.equal(BigInt(recipientBefore.balances.TFT) + amount);
    expect(output).to.contain(`relayer: claimed deposit ${out.transferId} on the region`);
    const seen = await tfrJson<{ status: string }>(['bridge', 'transfer', out.transferId, '--rpc', region]);
    expect(seen.status).to.equal('claimed');
  });

  it('a withdrawal with --release burns on the region and, once anchored, pays exactly its amount on the Hub', async () => {
    const [senderBefore, recipientBefore] = await Promise.all([account('carol', region), account('dave', hub)]);
    const r = await tfrProcess(['bridge', 'withdraw', '--key', 'carol', '--to', recipientBefore.address, '--amount', '3.0000001', '--release', '--wait-timeout', String(WAIT_MS), '--rpc', region, '--hub-rpc', hub, '--json']);
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    const out = JSON.parse(r.stdout) as { transferId: string; tx: { code: string; height: number }; release: { anchoredHeight: number; tx: { code: string }; alreadyReleased: boolean } };
    expect(out.tx.code).to.equal('OK');
    expect(out.release.alreadyReleased).to.equal(false);
    expect(out.release.tx.code).to.equal('OK');
    expect(out.release.anchoredHeight).to.be.above(out.tx.height);
    const amount = 30_000_001n;
    const [senderAfter, recipientAfter] = await Promise.all([account('carol', region), account('dave', hub)]);
    expect(BigInt(senderAfter.balances.TFT)).to.equal(BigInt(senderBefore.balances.TFT) - amount); // the fee is paid in CHI
    expect(BigInt(recipientAfter.balances.TFT)).to.equal(BigInt(recipientBefore.balances.TFT) + amount);
    const seen = await tfrJson<{ status: string }>(['bridge', 'transfer', out.transferId, '--rpc', hub]);
    expect(seen.status).to.equal('claimed');
  });

  it('stops the relayer, both RPC servers and both chains cleanly on Ctrl-C', async () => {
    child!.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running after 30 s'), 30_000))]);
    expect(code).to.equal(0);
    expect(output).to.match(/stopping at height \d+ \(Hub height \d+\)\.\.\./);
    expect(output).to.contain('stopped cleanly');
  });
});
