/**
 * Weighted round-robin proposer selection (CometBFT's rule, made a pure function of the validator
 * set, the height and the round).
 *
 * The rule, exactly:
 *   - Every validator starts with priority 0. Selection number k (k = 0, 1, 2, ...) first adds each
 *     validator's power to its priority, then picks the validator with the highest priority (ties:
 *     the lowest index) and subtracts the total power from the winner's priority.
 *   - The proposer of (height, round) is selection number k = (height - 1) + round. So each new
 *     height and each new round moves one step along the same sequence; with equal powers,
 *     proposer(h, r) = (h - 1 + r) mod n, plain round robin, and validator 0 proposes height 1.
 *
 * Over any `total` consecutive selections (total = sum of powers) each validator proposes exactly
 * `power` times and all priorities return to 0, so the sequence has period total / gcd(powers)
 * (a test checks both). Dividing the powers by their gcd selects the same validators, so we work
 * on the reduced powers and on k modulo the reduced period. Priorities stay within +-2 * total,
 * well inside safe integers for totals up to 2^50 (genesis's cap).
 *
 * Unlike CometBFT, the priorities do not depend on how many rounds earlier heights took: that is
 * what makes the proposer a function of (validators, height, round) alone, so every node, a
 * restarted node and a block-syncing node agree without replaying history.
 */
import type { ValidatorInfo } from './step-types.ts';

/** Selections kept in memory around the last one asked for. */
const WINDOW = 1024;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Position of (height, round) in the selection sequence. */
export function proposerPosition(height: number, round: number): number {
  if (!Number.isSafeInteger(height) || height < 1) throw new RangeError(`height must be an integer >= 1: ${height}`);
  if (!Number.isSafeInteger(round) || round < 0) throw new RangeError(`round must be an integer >= 0: ${round}`);
  return height - 1 + round;
}

/**
 * The selection sequence of one validator set, computed lazily. A memo of a pure function: it
 * keeps the priorities after the last computed selection and a window of recent selections, so
 * consecutive heights and rounds cost one O(n) step each.
 */
class ProposerSequence {
  private readonly powers: readonly number[];
  private readonly total: number;
  private priorities: number[];
  /** Selections [windowStart, windowStart + window.length) are in `window`. */
  private windowStart = 0;
  private window: number[] = [];

  constructor(powers: readonly number[]) {
    for (const p of powers) if (!Number.isSafeInteger(p) || p <= 0) throw new RangeError('powers must be positive safe integers');
    if (powers.length === 0) throw new RangeError('the validator set is empty');
    const g = powers.reduce(gcd);
    this.powers = powers.map((p) => p / g);
    this.total = this.powers.reduce((a, b) => a + b, 0);
    this.priorities = this.powers.map(() => 0);
  }

  at(position: number): number {
    const k = position % this.total;
    if (k < this.windowStart) this.restart();
    while (this.windowStart + this.window.length <= k) this.advance();
    return this.window[k - this.windowStart]!;
  }

  private restart(): void {
    this.priorities = this.powers.map(() => 0);
    this.windowStart = 0;
    this.window = [];
  }

  private advance(): void {
    const pr = this.priorities;
    let best = 0;
    for (let i = 0; i < pr.length; i++) {
      pr[i]! += this.powers[i]!;
      if (pr[i]! > pr[best]!) best = i;
    }
    pr[best]! -= this.total;
    this.window.push(best);
    if (this.window.length > 2 * WINDOW) {
      this.window = this.window.slice(WINDOW);
      this.windowStart += WINDOW;
    }
  }
}

const sequences = new WeakMap<readonly ValidatorInfo[], ProposerSequence>();

/** Index of the proposer of (height, round). Pure; memoized per validator-set array. */
export function proposerFor(validators: readonly ValidatorInfo[], height: number, round: number): number {
  const position = proposerPosition(height, round);
  let seq = sequences.get(validators);
  if (seq === undefined) {
    seq = new ProposerSequence(validators.map((v) => v.power));
    sequences.set(validators, seq);
  }
  return seq.at(position);
}

/** The first `count` selections for these powers, computed from scratch (tests and tools). */
export function proposerSequence(powers: readonly number[], count: number): number[] {
  const seq = new ProposerSequence(powers);
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(seq.at(k));
  return out;
}
