/**
 * The network benchmark's validators: a genesis written by `tfr genesis new`, then one `tfr node`
 * process per validator on loopback (fresh data directory each, libp2p to the others, its own
 * RPC), started the way an operator starts them. `startNetwork` resolves once every process
 * printed `ready`; `stop` sends SIGTERM and waits for the exits.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TFR = fileURLToPath(new URL('../../bin/tfr.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export interface NetworkProcess {
  readonly pid: number;
  readonly rpcUrl: string;
}

export interface BenchNetwork {
  readonly genesisFile: string;
  readonly nodes: readonly NetworkProcess[];
  /** Lines the processes wrote to stderr (warnings, errors), for the report. */
  readonly stderr: string[];
  stop(): Promise<void>;
}

export interface NetworkOptions {
  readonly dir: string;
  /** Written by `writeGenesis`. */
  readonly genesisFile: string;
  readonly validators: number;
  readonly seed: string;
  /** Extra node options for every process (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Extra `tfr node` options for every process. */
  readonly tfrArgs?: readonly string[];
  /** Copy each process's output to `dir/node-N.log` (for a look at its blocks and logs after the run). */
  readonly keepLogs?: boolean;
}

/** `tfr genesis new` into `dir/genesis.json`. */
export function writeGenesis(o: { dir: string; validators: number; seed: string; accounts: number }): string {
  const file = path.join(o.dir, 'genesis.json');
  execFileSync(process.execPath, [TFR, 'genesis', 'new', '--region', 'bench', '--validators', String(o.validators), '--seed', o.seed, '--accounts', String(o.accounts), '--out', file, '--force'], { stdio: 'ignore' });
  return file;
}

/** A port nothing listens on now (the OS picks it; a race with other programs is unlikely). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startNetwork(o: NetworkOptions): Promise<BenchNetwork> {
  const { genesisFile } = o;
  const p2p: number[] = [];
  const rpc: number[] = [];
  for (let i = 0; i < o.validators; i++) {
    p2p.push(await freePort());
    rpc.push(await freePort());
  }
  const stderr: string[] = [];
  const children: ChildProcess[] = [];
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < o.validators; i++) {
    const peers = p2p.filter((_, j) => j !== i).map((p) => `127.0.0.1:${p}`).join(',');
    const args = [
      ...(o.nodeArgs ?? []),
      TFR, 'node', '--genesis', genesisFile, '--test-validators', `${i + 1}-${i + 1}`, '--seed', o.seed,
      '--data', path.join(o.dir, `node-${i + 1}`), '--p2p', `127.0.0.1:${p2p[i]}`, '--peers', peers,
      '--rpc', `127.0.0.1:${rpc[i]}`, '--log', 'warn', '--log-format', 'pretty', ...(o.tfrArgs ?? []),
    ];
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    if (o.keepLogs === true) {
      const log = fs.createWriteStream(path.join(o.dir, `node-${i + 1}.log`));
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
    }
    child.stderr!.setEncoding('utf8').on('data', (s: string) => stderr.push(...s.split('\n').filter((l) => l.trim() !== '').map((l) => `node ${i + 1}: ${l}`)));
    ready.push(
      new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`node ${i + 1} not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        child.stdout!.setEncoding('utf8').on('data', (s: string) => {
          // Only the start is kept: afterwards one line per block is not needed.
          if (out.length > 10_000) return;
          out += s;
          if (/^ready$/m.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`node ${i + 1} exited with ${code}: ${stderr.slice(-5).join(' | ')}`));
        });
      }),
    );
  }
  const network: BenchNetwork = {
    genesisFile,
    nodes: children.map((c, i) => ({ pid: c.pid!, rpcUrl: `http://127.0.0.1:${rpc[i]}` })),
    stderr,
    stop: () => stopAll(children),
  };
  try {
    await Promise.all(ready);
  } catch (e) {
    await network.stop();
    throw e;
  }
  return network;
}

async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const force = setTimeout(() => c.kill('SIGKILL'), STOP_TIMEOUT_MS);
          c.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}
