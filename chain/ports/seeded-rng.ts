/**
 * xoshiro128** (Blackman and Vigna, 2018): 128 bits of state, period 2^128 - 1, fast in 32-bit
 * integer arithmetic, and good enough statistically for simulations (not for secrets). The state
 * comes from sha256 of the seed, so nearby seeds give unrelated streams and the state is never
 * all zero in practice (guarded anyway); `fork` hashes the parent's seed digest with the label.
 */
import { sha256Portable } from '../codec/hash-portable.ts';
import type { Rng } from './rng.ts';

const TWO_POW_32 = 4294967296;

/** A deterministic stream from a seed (a number and its decimal string give the same stream). */
export function seededRng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) throw new RangeError(`rng seed must be a safe integer or a string, got ${seed}`);
  return new Xoshiro128(sha256Portable(new TextEncoder().encode(`tfr-rng:${seed}`)));
}

/** xoshiro128** from an explicit state (used by the known-answer test; prefer `seededRng`). */
export function xoshiro128FromState(s0: number, s1: number, s2: number, s3: number): Rng {
  const digest = new Uint8Array(32);
  const v = new DataView(digest.buffer);
  [s0, s1, s2, s3].forEach((s, i) => v.setUint32(4 * i, s >>> 0, true));
  return new Xoshiro128(digest);
}

class Xoshiro128 implements Rng {
  readonly #digest: Uint8Array;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(digest: Uint8Array) {
    this.#digest = digest;
    const v = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
    this.#a = v.getUint32(0, true);
    this.#b = v.getUint32(4, true);
    this.#c = v.getUint32(8, true);
    this.#d = v.getUint32(12, true);
    if ((this.#a | this.#b | this.#c | this.#d) === 0) this.#a = 1; // the one state xoshiro cannot leave
  }

  nextU32(): number {
    const b = this.#b;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    this.#c ^= this.#a;
    this.#d ^= b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result;
  }

  nextFloat(): number {
    return this.nextU32() / TWO_POW_32;
  }

  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`nextInt bound must be an integer in [1, 2^32], got ${n}`);
    // Reject the top partial block of [0, 2^32) so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  fork(label: string): Rng {
    return new Xoshiro128(sha256Portable(this.#digest, new TextEncoder().encode(`/${label}`)));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
