/**
 * A randomized fault campaign on a small simulated testnet, reproducible from its seed:
 * `runCampaign(seed)` draws 4-10 validators (`simGenesis(n)`), picks at most f = floor((n - 1) / 3)
 * faulty validators (some crash and restart, some get a twin, some run a Byzantine wrapper), then
 * plays a few epochs of random faults on top: crashes (losing unsynced WAL records or not) and
 * restarts of the faulty ones, partitions and isolations that later heal (these may hit anyone),
 * drops, delays, jitter and duplicates on links. Then every fault is removed (network healed,
 * links reset, crashed nodes restarted, twins stopped, Byzantine wrappers silenced) and the chain
 * must commit LIVENESS_HEIGHTS more heights on every running node. Checked throughout:
 *  - agreement: every store (running, crashed, twins) holds the same block at every height;
 *  - validity: every stored block links to its parent and carries a commit that `verifyCommit`
 *    accepts (+2/3 of the power), so it went through applyBlock with a real quorum;
 *  - liveness after healing.
 * A failure is rethrown with the seed and the fault log, for replay with `runCampaign(seed)`.
 *
 * What a seed plays follows from the order of the random draws below: changing them changes every
 * seed, including those fault-regressions.test.ts replays (196, 907, 650 halted before the fixes;
 * after such a change, find new ones by undoing a fix and running `npm run test:long`).
 */
import { seededRng } from '../../chain/ports/seeded-rng.ts';
import type { Rng } from '../../chain/ports/rng.ts';
import { byzantineEndpoint, newByzantineStats, type ByzantineBehaviour } from '../fixtures/byzantine.ts';
import { expectAgreement, expectValidChain } from '../fixtures/sim-checks.ts';
import { simGenesis, startSimTestnet, validatorSecret, type SimTestnet } from '../fixtures/sim-testnet.ts';

/** Heights every running node must gain once all faults are removed. */
export const LIVENESS_HEIGHTS = 3;
/** Virtual time allowed for them (rounds may have grown long timeouts while faults lasted). */
const LIVENESS_BUDGET_MS = 600_000;

export interface CampaignResult {
  readonly seed: number | string;
  readonly validators: number;
  /** Validators allowed to be faulty (< n / 3 of the power: equal powers here). */
  readonly faulty: readonly number[];
  readonly twins: readonly number[];
  readonly byzantine: readonly number[];
  /** What happened, in order, with virtual times (ms since genesis). */
  readonly log: readonly string[];
  /** Height every node reached when the faults were removed, and at the end. */
  readonly healedAt: number;
  readonly finalHeight: number;
  readonly virtualMs: number;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.nextInt(xs.length)]!;
}

function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export interface CampaignOptions {
  /** Called with the simulator when liveness fails, before the error is thrown (to inspect the nodes). */
  readonly onStuck?: (sim: SimTestnet) => void | Promise<void>;
}

export async function runCampaign(seed: number | string, options: CampaignOptions = {}): Promise<CampaignResult> {
  const rng = seededRng(`campaign/${seed}`);
  const n = 4 + rng.nextInt(7);
  const f = Math.floor((n - 1) / 3);
  const network = simGenesis(n);
  // Mostly the full f (the interesting edge), sometimes fewer.
  const faulty = shuffle(rng, Array.from({ length: n }, (_, i) => i)).slice(0, rng.nextFloat() < 0.6 ? f : rng.nextInt(f + 1));
  // Every faulty validator may crash and restart; some also get a twin or a Byzantine wrapper.
  const twins = faulty.filter(() => rng.nextFloat() < 0.35);
  const byzantine = faulty.filter((v) => !twins.includes(v) && rng.nextFloat() < 0.5);
  const behaviours = new Map<number, ByzantineBehaviour>(
    byzantine.map((v) => [v, { doubleVote: rng.nextFloat() < 0.5, futureRound: rng.nextFloat() < 0.5, splitProposal: rng.nextFloat() < 0.5, replay: rng.nextFloat() < 0.5 }]),
  );
  let byzantineOn = true;
  const stats = newByzantineStats();
  const log: string[] = [];
  let sim: SimTestnet | undefined;
  const at = (): number => (sim === undefined ? 0 : Math.round(sim.clock.now() - sim.genesis.genesisTime));
  const note = (s: string): void => {
    log.push(`${at()} ${s}`);
  };
  note(`n=${n} f=${f} faulty=[${faulty}] twins=[${twins}] byzantine=${JSON.stringify([...behaviours])}`);

  try {
    sim = await startSimTestnet({
      network,
      seed: `campaign/${seed}`,
      twins,
      networkFor: (slot, endpoint) => {
        const behaviour = slot < n ? behaviours.get(slot) : undefined;
        if (behaviour === undefined) return endpoint;
        const byz = byzantineEndpoint({
          endpoint,
          slot,
          slots: n + twins.length,
          validator: slot,
          secret: validatorSecret(network.seed, network.region, slot),
          chainId: network.genesis.chainId,
          rng: rng.fork(`byzantine/${slot}`),
          behaviour,
          stats,
        });
        // Silenced once the faults are removed: from then on the validator behaves.
        return { send: (to, m) => (byzantineOn ? byz : endpoint).send(to, m), broadcast: (m) => (byzantineOn ? byz : endpoint).broadcast(m), onMessage: (h) => byz.onMessage(h) };
      },
    });
    const s = sim;
    const slots = s.slots;
    const crashed = new Set<number>();
    // Slots that may crash: the faulty validators and the twins (both copies count as the one faulty validator).
    const crashable = [...faulty, ...twins.map((_, j) => n + j)];

    const epochs = 3 + rng.nextInt(6);
    for (let e = 0; e < epochs; e++) {
      const action = rng.nextInt(8);
      switch (action) {
        case 0:
        case 1: {
          const up = crashable.filter((x) => !crashed.has(x));
          if (up.length === 0) break;
          const x = pick(rng, up);
          const lose = rng.nextFloat() < 0.7;
          const deliverSent = rng.nextFloat() < 0.3;
          s.crash(x, { loseUnsyncedWal: lose, deliverSent });
          crashed.add(x);
          note(`crash ${x}${lose ? ' (unsynced WAL lost)' : ''}${deliverSent ? ' (its sent messages still arrive)' : ''}`);
          break;
        }
        case 2: {
          if (crashed.size === 0) break;
          const x = pick(rng, [...crashed]);
          await s.restart(x);
          crashed.delete(x);
          note(`restart ${x}`);
          break;
        }
        case 3: {
          const order = shuffle(rng, Array.from({ length: slots }, (_, i) => i));
          const cut = 1 + rng.nextInt(slots - 1);
          const groups = rng.nextFloat() < 0.5 ? [order.slice(0, cut), order.slice(cut)] : [order.slice(0, cut)];
          s.net.partition(groups);
          note(`partition ${JSON.stringify(groups)}`);
          break;
        }
        case 4: {
          const x = rng.nextInt(slots);
          s.net.isolate(x);
          note(`isolate ${x}`);
          break;
        }
        case 5: {
          s.net.heal();
          note('heal');
          break;
        }
        case 6: {
          const link = { baseDelayMs: 5 + rng.nextInt(100), jitterMs: rng.nextInt(200), dropRate: rng.nextFloat() * 0.3, duplicateRate: rng.nextFloat() * 0.3 };
          s.net.setDefaultLink(link);
          note(`links ${JSON.stringify(link)}`);
          break;
        }
        default: {
          const from = rng.nextInt(slots);
          const to = (from + 1 + rng.nextInt(slots - 1)) % slots;
          const link = { baseDelayMs: rng.nextInt(2_000), dropRate: rng.nextFloat() };
          s.net.setLink(from, to, link);
          note(`link ${from}->${to} ${JSON.stringify(link)}`);
        }
      }
      await s.run(() => false, 500 + rng.nextInt(6_000));
      await expectAgreement(s);
    }

    // Remove every fault.
    s.net.heal();
    s.net.setDefaultLink({ baseDelayMs: 10, jitterMs: 10, dropRate: 0, duplicateRate: 0 });
    for (let from = 0; from < slots; from++) for (let to = 0; to < slots; to++) if (from !== to) s.net.setLink(from, to, { baseDelayMs: 10, jitterMs: 10, dropRate: 0, duplicateRate: 0 });
    for (const x of [...crashed].sort((a, b) => a - b)) if (x < n) await s.restart(x);
    for (let j = 0; j < twins.length; j++) if (!crashed.has(n + j)) s.crash(n + j);
    byzantineOn = false;
    const healedAt = Math.max(...s.heights());
    note(`all faults removed at height ${healedAt} (heights ${s.heights()}); byzantine ${JSON.stringify(stats)}`);
    const live = await s.run(() => Math.min(...s.heights()) >= healedAt + LIVENESS_HEIGHTS, LIVENESS_BUDGET_MS);
    if (!live) {
      await options.onStuck?.(s);
      const where = s.nodes.map((x, slot) => (x === undefined ? `${slot}: down` : `${slot}: tip ${x.store.tip().height}, at ${x.driver.height}/${x.driver.round}`));
      throw new Error(`not live after healing: heights ${s.heights()} (wanted >= ${healedAt + LIVENESS_HEIGHTS} on all ${s.heights().length} running nodes); ${where.join('; ')}`);
    }
    await expectAgreement(s);
    await expectValidChain(s);
    const finalHeight = Math.min(...s.heights());
    note(`done at height ${finalHeight}`);
    return { seed, validators: n, faulty, twins, byzantine, log, healedAt, finalHeight, virtualMs: at() };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const err = new Error(`campaign seed ${JSON.stringify(seed)} FAILED (replay: runCampaign(${JSON.stringify(seed)})): ${message}\n  fault log:\n    ${log.join('\n    ')}`);
    if (e instanceof Error && e.stack !== undefined) err.stack = `${err.message}\n${e.stack}`;
    throw err;
  } finally {
    sim?.stop();
  }
}
