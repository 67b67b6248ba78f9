/**
 * Randomness as a port: the simulator's delays and drops, jittered retries, test data. Always a
 * seeded stream (`seededRng`), so a run replays exactly from its seed; nothing here is meant for
 * keys or anything an attacker must not predict.
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextU32(): number;
  /** Uniform in [0, 1), with 32 bits of precision. */
  nextFloat(): number;
  /** Uniform integer in [0, n), without modulo bias; n an integer in [1, 2^32]. */
  nextInt(n: number): number;
  /**
   * An independent stream named `label`, a function of this stream's seed and the label only (not
   * of how much was drawn), so adding draws in one component never shifts another's.
   */
  fork(label: string): Rng;
}
