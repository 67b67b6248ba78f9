/**
 * What a relayer keeps across restarts, so that it resumes its scans where it stopped instead of
 * reading both chains from height 1 again (millions of blocks after a month of 0.7 s blocks):
 *
 * - per chain, its chain id, the next height to scan and the hash of the block just below it, so a
 *   chain restarted from a fresh genesis under the same chain id (a testnet with the same data
 *   directory) is told apart from the one the positions belong to;
 * - the transfers seen and not yet claimed or released: the scan positions are past their blocks,
 *   so without them a restart would lose them.
 *
 * One small JSON document, saved after each round through a port (a file for the CLI,
 * relayer-state-file.ts; memory for tests) and decoded strictly: anything else is no state at all,
 * and the relayer scans from the start (never from a position it cannot trust).
 */

/** Where a scan stands on one chain. */
export interface ScanCursor {
  /** The next height to scan. */
  readonly next: number;
  /** The hash of block `next - 1` as scanned (hex), null when this relayer scanned nothing yet. */
  readonly lastHash: string | null;
}

export interface ChainCursor extends ScanCursor {
  readonly chainId: string;
}

export interface RelayerState {
  readonly version: 1;
  /** Deposits are scanned on the Hub. */
  readonly hub: ChainCursor;
  /** Withdrawals are scanned on the region. */
  readonly region: ChainCursor;
  /** Transfer id (64 hex) to the Hub height of its deposit. */
  readonly deposits: Readonly<Record<string, number>>;
  /** Transfer id (64 hex) to the region height of its withdrawal. */
  readonly withdrawals: Readonly<Record<string, number>>;
}

/** The port the relayer saves its state through; `load` answers undefined when nothing was saved yet. */
export interface RelayerStateStore {
  /** For log lines: the file, or "memory". */
  readonly where: string;
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
}

/** A store in memory (tests; a relayer without a state file has none at all). */
export class MemoryStateStore implements RelayerStateStore {
  readonly where = 'memory';
  saves = 0;

  constructor(public text: string | undefined = undefined) {}

  async load(): Promise<string | undefined> {
    return this.text;
  }

  async save(text: string): Promise<void> {
    this.text = text;
    this.saves++;
  }
}

export function encodeRelayerState(state: RelayerState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHeight = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

function exactKeys(o: Record<string, unknown>, keys: readonly string[], what: string): string | undefined {
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  if (extra.length > 0) return `${what} has unknown field ${JSON.stringify(extra[0])}`;
  const missing = keys.find((k) => !(k in o));
  return missing === undefined ? undefined : `${what} lacks "${missing}"`;
}

function cursorProblem(v: unknown, what: string): string | undefined {
  if (!isObject(v)) return `${what} is not an object`;
  const keys = exactKeys(v, ['chainId', 'next', 'lastHash'], what);
  if (keys !== undefined) return keys;
  if (typeof v.chainId !== 'string' || v.chainId === '') return `${what}.chainId is not a chain id`;
  if (!isHeight(v.next)) return `${what}.next is not a height (an integer from 1): ${JSON.stringify(v.next)}`;
  if (v.lastHash === null) return undefined;
  if (typeof v.lastHash !== 'string' || !HEX64.test(v.lastHash)) return `${what}.lastHash is not a block hash`;
  return v.next === 1 ? `${what}.lastHash names a block below height 1` : undefined;
}

/** Pending transfers of one chain: ids of 64 lowercase hex, each at a height already scanned. */
function pendingProblem(v: unknown, next: number, what: string): string | undefined {
  if (!isObject(v)) return `${what} is not an object`;
  for (const [id, height] of Object.entries(v)) {
    if (!HEX64.test(id)) return `${what} has a key that is not a transfer id: ${JSON.stringify(id)}`;
    if (!isHeight(height) || height >= next) return `${what}.${id} is not a scanned height: ${JSON.stringify(height)}`;
  }
  return undefined;
}

/** The state, or what is wrong with the text (for the warning that it is ignored). */
export function decodeRelayerState(text: string): RelayerState | { problem: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (!isObject(v)) return { problem: 'not a JSON object' };
  if (v.version !== 1) return { problem: `unknown version ${JSON.stringify(v.version)}` };
  const problem =
    exactKeys(v, ['version', 'hub', 'region', 'deposits', 'withdrawals'], 'the state') ??
    cursorProblem(v.hub, 'hub') ??
    cursorProblem(v.region, 'region') ??
    pendingProblem(v.deposits, (v.hub as ChainCursor).next, 'deposits') ??
    pendingProblem(v.withdrawals, (v.region as ChainCursor).next, 'withdrawals');
  return problem === undefined ? (v as unknown as RelayerState) : { problem };
}
