/**
 * A fault campaign on the real network: 4 validators (f = 1), each a `tfr node` process with
 * `--test-hooks`, over loopback TCP. Until the time is up, one node at a time (never two: f < n/3)
 * gets a random fault from a seeded RNG, the first three one of each kind:
 * - kill: SIGKILL, then a restart on its data directory after the fault's length;
 * - pause: SIGSTOP, SIGCONT after the fault's length;
 * - isolate: SIGUSR2 (every connection hung up and refused), SIGUSR2 again after the fault's length.
 * After each fault the node must catch up (within one height of the others) before the next one,
 * so a node still syncing never counts as the healthy third. Meanwhile transfers go to healthy
 * nodes' RPC (sender k only ever to node k, so nonces do not race between mempools) and a monitor
 * records the longest time the network's height did not move. At the end: every node at one
 * height, the same chain on all, SIGTERM and clean exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRng } from '../../chain/ports/seeded-rng.ts';
import type { Rng } from '../../chain/ports/rng.ts';
import { freePorts, until, type NodeProcess } from '../fixtures/tfr-node-process.ts';
import { heightOf, sameChain, spawnValidator, writeTestGenesis, type BlockEntry, type ProcessNet } from '../fixtures/node-processes.ts';
import { startTransfers } from './network-transfers.ts';

export const FAULT_KINDS = ['kill', 'pause', 'isolate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
type NodeState = 'up' | FaultKind;

export interface NetworkCampaignOptions {
  readonly seed: string;
  readonly durationMs: number;
  /** Length of a fault, ms [min, max). */
  readonly faultMs: readonly [number, number];
  /** Quiet time between a caught-up node and the next fault, ms [min, max). */
  readonly gapMs: readonly [number, number];
  /** A node must be back within one height of the others this soon after its fault. */
  readonly catchUpMs: number;
  readonly log: (line: string) => void;
}

export interface FaultRecord {
  readonly node: number;
  readonly kind: FaultKind;
  readonly ms: number;
  /** Seconds since the campaign began. */
  readonly at: number;
  /** From the end of the fault until the node was within one height of the others. */
  readonly catchUpMs: number;
}

export interface NetworkCampaignResult {
  readonly faults: readonly FaultRecord[];
  readonly startHeight: number;
  /** The network's height when the last fault healed. */
  readonly endHeight: number;
  readonly longestStallMs: number;
  /** Seconds since the campaign began at which the longest stall ended. */
  readonly longestStallAt: number;
  readonly submitted: number;
  readonly committed: number;
  /** Blocks 1..top, the same on every node. */
  readonly chain: readonly BlockEntry[];
  readonly exits: readonly { code: number | null; signal: NodeJS.Signals | null }[];
  readonly stdout: readonly string[];
}

const GENESIS_SEED = 'network-campaign';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const between = (rng: Rng, [lo, hi]: readonly [number, number]): number => lo + rng.nextInt(Math.max(1, hi - lo));

export async function runNetworkCampaign(o: NetworkCampaignOptions): Promise<NetworkCampaignResult> {
  const rng = seededRng(o.seed);
  const dir = await mkdtemp(join(tmpdir(), 'tfr-net-campaign-'));
  const ports = await freePorts(8);
  const net: ProcessNet = { dir, genesisPath: await writeTestGenesis(dir, GENESIS_SEED, 4), seed: GENESIS_SEED, p2pPorts: ports.slice(0, 4), rpcPorts: ports.slice(4) };
  const nodes: NodeProcess[] = [0, 1, 2, 3].map((i) => spawnValidator(net, i, { testHooks: true }));
  const states: NodeState[] = ['up', 'up', 'up', 'up'];
  const answering = (i: number): boolean => states[i] !== 'kill' && states[i] !== 'pause';
  const stdoutOf = (i: number): string => nodes[i]!.stdout;
  try {
    await Promise.all(nodes.map((n) => n.ready()));
    await until(async () => (await Promise.all(nodes.map((n) => heightOf(n.url)))).every((h) => (h ?? 0) >= 2), 60_000, () => 'height 2 on every node');
    const t0 = Date.now();
    const monitor = startMonitor(nodes, answering, t0);
    await monitor.ready;
    const transfers = startTransfers({ genesisSeed: GENESIS_SEED, rng: rng.fork('transfers'), clients: nodes.map((n) => () => n.client), healthy: (i) => states[i] === 'up' });
    const startHeight = monitor.height;
    const faults: FaultRecord[] = [];
    try {
      while (Date.now() - t0 < o.durationMs) {
        const node = rng.nextInt(4);
        const kind = faults.length < FAULT_KINDS.length ? FAULT_KINDS[faults.length]! : FAULT_KINDS[rng.nextInt(FAULT_KINDS.length)]!;
        const ms = between(rng, o.faultMs);
        const at = Math.round((Date.now() - t0) / 100) / 10;
        o.log(`t=${at}s fault ${faults.length + 1}: ${kind} node ${node + 1} for ${ms} ms (network at height ${monitor.height})`);
        states[node] = kind;
        if (kind === 'kill') {
          nodes[node]!.kill('SIGKILL');
          await nodes[node]!.exited;
          await sleep(ms);
          nodes[node] = spawnValidator(net, node, { testHooks: true });
          await nodes[node]!.ready();
        } else if (kind === 'pause') {
          nodes[node]!.kill('SIGSTOP');
          await sleep(ms);
          nodes[node]!.kill('SIGCONT');
        } else {
          await toggleIsolation(nodes[node]!, 'isolated from');
          await sleep(ms);
          await toggleIsolation(nodes[node]!, 'reconnected to');
        }
        states[node] = 'up';
        const healed = Date.now();
        const others = (): number => Math.max(...monitor.heights.filter((_, i) => i !== node).map((h) => h ?? 0));
        await until(async () => ((await heightOf(nodes[node]!.url)) ?? 0) >= others() - 1, o.catchUpMs, () => `node ${node + 1} catching up after its ${kind}\n${nodes[node]!.describe()}`);
        faults.push({ node, kind, ms, at, catchUpMs: Date.now() - healed });
        await sleep(between(rng, o.gapMs));
      }
    } finally {
      transfers.stop();
      monitor.stop();
    }
    const endHeight = monitor.height;
    o.log(`campaign over at height ${endHeight}: ${faults.length} faults; longest stall ${monitor.longestStallMs} ms (ended at t=${monitor.longestStallAt}s); transfers submitted ${transfers.hashes.length}`);

    // Healed (each fault healed itself): every node reaches one height a few blocks on.
    const target = endHeight + 3;
    await until(async () => (await Promise.all(nodes.map((n) => heightOf(n.url)))).every((h) => (h ?? 0) >= target), 120_000, () => `height ${target} on every node\n${nodes.map((n) => n.describe()).join('\n')}`);
    const top = Math.min(...(await Promise.all(nodes.map(async (n) => (await heightOf(n.url)) ?? 0))));
    const chain = await sameChain(nodes.map((n) => n.url), top);
    const committed = await transfers.committed(nodes[0]!.client);

    for (const n of nodes) n.kill('SIGTERM');
    const exits = await Promise.all(nodes.map((n) => n.exited));
    return {
      faults,
      startHeight,
      endHeight,
      longestStallMs: monitor.longestStallMs,
      longestStallAt: monitor.longestStallAt,
      submitted: transfers.hashes.length,
      committed,
      chain,
      exits,
      stdout: nodes.map((_, i) => stdoutOf(i)),
    };
  } finally {
    for (const n of nodes) {
      if (!n.running) continue;
      n.kill('SIGCONT');
      n.kill('SIGKILL');
      await n.exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

/** SIGUSR2, then the node's confirmation on stdout (its handler ran: the hook is wired). */
async function toggleIsolation(node: NodeProcess, says: string): Promise<void> {
  const count = (): number => node.stdout.split(`test hook: ${says} the network`).length - 1;
  const before = count();
  node.kill('SIGUSR2');
  await until(() => count() > before, 5000, () => `"${says}" on ${node.describe()}`);
}

interface Monitor {
  /** The highest height any answering node reported. */
  readonly height: number;
  /** Each node's last reported height (null before any answer). */
  readonly heights: readonly (number | null)[];
  readonly longestStallMs: number;
  readonly longestStallAt: number;
  /** Resolves after the first poll. */
  readonly ready: Promise<void>;
  stop(): void;
}

/** Polls the answering nodes' heights every 250 ms; the longest time the network height stood still. */
function startMonitor(nodes: readonly NodeProcess[], answering: (i: number) => boolean, t0: number): Monitor {
  const heights: (number | null)[] = nodes.map(() => null);
  let polled: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (polled = resolve));
  const m = { height: 0, heights, longestStallMs: 0, longestStallAt: 0, ready, stop: () => undefined as void };
  let lastMove = Date.now();
  let stopped = false;
  const record = (): void => {
    const now = Date.now();
    const stood = now - lastMove;
    if (stood > m.longestStallMs) {
      m.longestStallMs = stood;
      m.longestStallAt = Math.round((now - t0) / 100) / 10;
    }
  };
  void (async () => {
    while (!stopped) {
      await Promise.all(
        nodes.map(async (n, i) => {
          if (!answering(i)) return;
          const h = await heightOf(n.url, 1000);
          if (h !== null) heights[i] = h;
        }),
      );
      const top = Math.max(0, ...heights.map((h) => h ?? 0));
      if (top > m.height) {
        record();
        m.height = top;
        lastMove = Date.now();
      }
      polled();
      await sleep(250);
    }
  })();
  m.stop = () => {
    record();
    stopped = true;
  };
  return m;
}
