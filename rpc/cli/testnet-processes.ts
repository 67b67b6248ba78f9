/**
 * `tfr testnet --processes N`: the genesis's test validators spread over N `tfr node` processes
 * (contiguous shares: 99 over 4 is 25, 25, 25, 24) that talk over libp2p on loopback TCP, ports
 * `--p2p-port`, +1, ... Process 1 serves the RPC on `--rpc` (the others on the next ports) and
 * reports uptime for the test farms; its block lines are the progress display. Ctrl-C or SIGTERM
 * is passed on to every process, which stops cleanly; a second one kills them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';

export interface ProcessesOptions {
  readonly genesis: Genesis;
  readonly genesisPath: string;
  readonly processes: number;
  readonly dataDir: string;
  readonly rpc: { readonly host: string; readonly port: number };
  readonly p2pPort: number;
  readonly seed: string;
  readonly log: string;
  readonly uptime: boolean;
  readonly untilHeight?: number;
}

const TFR_BIN = fileURLToPath(new URL('../../bin/tfr.js', import.meta.url));

/** 1-based inclusive ranges of validators, one per process, as even as possible. */
export function validatorShares(validators: number, processes: number): Array<{ from: number; to: number }> {
  const shares: Array<{ from: number; to: number }> = [];
  let next = 1;
  for (let k = 0; k < processes; k++) {
    const size = Math.floor(validators / processes) + (k < validators % processes ? 1 : 0);
    shares.push({ from: next, to: next + size - 1 });
    next += size;
  }
  return shares;
}

export async function runTestnetProcesses(o: ProcessesOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const n = o.genesis.validators.length;
  if (o.processes > n) throw new CliError('CLI_USAGE', `--processes ${o.processes} is more than the genesis's ${n} validators`);
  const shares = validatorShares(n, o.processes);
  const peers = shares.map((_, k) => `127.0.0.1:${o.p2pPort + k}`).join(',');
  io.out(`starting testnet ${o.genesis.chainId} (region ${o.genesis.region}): ${n} validators over ${o.processes} processes on loopback TCP\n`);
  const children: ChildProcess[] = [];
  const exited: Array<Promise<number | null>> = [];
  let stopping = false;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const tty = process.stdout.isTTY === true;

  shares.forEach((share, k) => {
    const args = [
      TFR_BIN,
      'node',
      '--genesis', o.genesisPath,
      '--test-validators', `${share.from}-${share.to}`,
      '--seed', o.seed,
      '--data', path.join(o.dataDir, `process-${k + 1}`),
      '--p2p', `127.0.0.1:${o.p2pPort + k}`,
      '--peers', peers,
      '--rpc', `${o.rpc.host}:${o.rpc.port + k}`,
      '--log', o.log,
      '--log-format', 'pretty',
      ...(k === 0 && o.uptime ? ['--uptime'] : []),
      ...(o.untilHeight !== undefined ? ['--until-height', String(o.untilHeight)] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    exited.push(new Promise((resolve) => child.on('exit', (code) => resolve(code))));
    const label = `[${k + 1}: validators ${share.from}-${share.to}]`;
    lines(child.stdout!, (line) => {
      if (line.startsWith('height ')) {
        if (k === 0) io.out(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
      } else if (line.startsWith('  rpc') || line.startsWith('  p2p') || line === 'ready') io.out(`${label} ${line.trim()}\n`);
    });
    lines(child.stderr!, (line) => io.err(`${label} ${line}\n`));
    child.on('exit', (code) => {
      // With --until-height each process stops by itself; otherwise one stopping stops all.
      if (code === 0 && o.untilHeight !== undefined) return;
      if (!stopping) {
        io.err(`${label} exited with code ${code}; stopping the others\n`);
        stopping = true;
        done();
      }
    });
  });

  const onSignal = (): void => {
    if (stopping) {
      for (const c of children) c.kill('SIGKILL');
      process.exit(130);
    }
    stopping = true;
    done();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (o.untilHeight !== undefined) void Promise.all(exited).then(() => done());
  await finished;
  stopping = true;
  io.out(`${tty ? '\n' : ''}stopping ${children.length} processes...\n`);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  const codes = await Promise.all(exited);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  io.out(codes.every((c) => c === 0) ? 'stopped cleanly\n' : `stopped (exit codes ${codes.join(', ')})\n`);
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
  });
}
