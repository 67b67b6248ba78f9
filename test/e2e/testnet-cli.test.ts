/**
 * As a newcomer would: `tfr testnet` in a fresh data directory reaches height 5 and GET /status
 * shows it; Ctrl-C stops it cleanly; started again it resumes from disk.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

interface Running {
  child: ChildProcess;
  output: () => string;
  rpc: Promise<string>;
  exited: Promise<number | null>;
}

function startTestnet(dataDir: string): Running {
  const child = spawn(process.execPath, ['bin/tfr.js', 'testnet', '--data', dataDir, '--rpc', '127.0.0.1:0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const rpc = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /rpc\s+(http:\/\/\S+)\s/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', () => reject(new Error(`testnet exited before serving RPC:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, rpc, exited };
}

async function statusOf(rpc: string): Promise<{ chainId: string; height: number; latestBlockHash: string; stateRoot: string; validators: number }> {
  const r = await fetch(`${rpc}/status`);
  expect(r.status).to.equal(200);
  return (await r.json()) as { chainId: string; height: number; latestBlockHash: string; stateRoot: string; validators: number };
}

async function waitForHeight(rpc: string, height: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await statusOf(rpc);
    if (s.height >= height) return s.height;
    if (Date.now() > deadline) throw new Error(`height ${s.height} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('e2e: tfr testnet', function () {
  this.timeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-e2e-testnet-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('reaches height 5 with 99 validators, serves /status, stops on Ctrl-C and resumes from disk', async () => {
    const first = startTestnet(dataDir);
    const rpc = await first.rpc;
    await waitForHeight(rpc, 5, 60_000);
    const s = await statusOf(rpc);
    expect(s.chainId).to.equal('tfr-testnet-1');
    expect(s.validators).to.equal(99);
    expect(s.latestBlockHash).to.match(/^[0-9a-f]{64}$/);
    expect(s.stateRoot).to.match(/^[0-9a-f]{64}$/);
    expect(first.output()).to.match(/height \d+ {2}round \d+ {2}block time [\d.]+ s {2}signers \d+\/99/);
    first.child.kill('SIGINT');
    expect(await first.exited).to.equal(0);
    expect(first.output()).to.contain('stopped cleanly');
    const stoppedAt = Number(/stopping at height (\d+)/.exec(first.output())?.[1]);
    expect(stoppedAt).to.be.at.least(5);

    const second = startTestnet(dataDir);
    const rpc2 = await second.rpc;
    expect(second.output()).to.contain(`resuming at height`);
    expect((await statusOf(rpc2)).height).to.be.at.least(stoppedAt);
    await waitForHeight(rpc2, stoppedAt + 2, 30_000);
    second.child.kill('SIGINT');
    expect(await second.exited).to.equal(0);
  });
});
