/**
 * NODE-ONLY. crc32 (zlib's) of arbitrary ranges of one buffer without re-reading them: the WAL's
 * damage check asks whether an intact record starts at ANY later offset, and hashing each
 * candidate's payload from scratch is quadratic (seconds on a few torn megabytes). Instead the
 * crc of every K-byte-aligned prefix is kept, and a range's crc is derived from two of them with
 * the crc "combine" algebra (as zlib's crc32_combine: for the same crc, C(X || Y) = x^(8|Y|) * C(X)
 * xor C(Y) in GF(2)[x] mod the polynomial), plus at most two short edges hashed directly.
 */
import { crc32 } from 'node:zlib';

const POLY = 0xedb88320; // reflected crc32 polynomial

/** a * b mod POLY, both reflected (bit 31 is x^0). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = (b & 1) !== 0 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) mod POLY. */
const X2N = new Uint32Array(32);
X2N[0] = 0x40000000; // x^1
for (let k = 1; k < 32; k++) X2N[k] = multModP(X2N[k - 1]!, X2N[k - 1]!);

/** x^(8 * bytes) mod POLY. */
function shiftFor(bytes: number): number {
  let p = 0x80000000; // x^0
  let k = 3; // 8 = 2^3
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
  return p;
}

/** crc32(A || B) from crc32(A), crc32(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(shiftFor(lengthB), crcA) ^ crcB) >>> 0;
}

const STRIDE = 4096;

export class Crc32Ranges {
  readonly #bytes: Uint8Array;
  readonly #base: number;
  readonly #prefix: Uint32Array; // #prefix[j] = crc32(bytes[base, base + j * STRIDE))
  // x^(8n) for n < STRIDE and for multiples of STRIDE, filled on demand: a damaged tail asks for
  // millions of shifts, and each from scratch costs up to ~30 multiplications.
  readonly #small = new Uint32Array(STRIDE);
  readonly #strides = new Map<number, number>();

  /** Prepares ranges within `bytes[base, bytes.length)` (one pass of crc32 over it). */
  constructor(bytes: Uint8Array, base: number) {
    this.#bytes = bytes;
    this.#base = base;
    const steps = Math.floor((bytes.length - base) / STRIDE);
    this.#prefix = new Uint32Array(steps + 1);
    for (let j = 0; j < steps; j++) this.#prefix[j + 1] = crc32(bytes.subarray(base + j * STRIDE, base + (j + 1) * STRIDE), this.#prefix[j]!);
  }

  /** crc32 of bytes[a, b), for base <= a <= b <= length. */
  crc(a: number, b: number): number {
    if (b - a <= 2 * STRIDE) return crc32(this.#bytes.subarray(a, b));
    const ja = Math.ceil((a - this.#base) / STRIDE);
    const jb = Math.floor((b - this.#base) / STRIDE);
    const from = this.#base + ja * STRIDE;
    const to = this.#base + jb * STRIDE;
    const midShift = this.shift(to - from);
    const middle = (this.#prefix[jb]! ^ multModP(midShift, this.#prefix[ja]!)) >>> 0;
    const head = (multModP(midShift, crc32(this.#bytes.subarray(a, from))) ^ middle) >>> 0;
    return (multModP(this.shift(b - to), head) ^ crc32(this.#bytes.subarray(to, b))) >>> 0;
  }

  /** x^(8 * bytes) mod the polynomial: `crc32Combine(a, b, n)` is `multModP(shift(n), a) ^ b`. */
  shift(bytes: number): number {
    const r = bytes % STRIDE;
    let small = this.#small[r]!;
    if (small === 0) small = this.#small[r] = shiftFor(r); // never 0 for real: x^k mod P is nonzero
    if (bytes < STRIDE) return small;
    const q = bytes - r;
    let big = this.#strides.get(q);
    if (big === undefined) this.#strides.set(q, (big = shiftFor(q)));
    return multModP(big, small);
  }

  /** crc32(A || B) from the two crcs and B's length, with cached shifts. */
  combine(crcA: number, crcB: number, lengthB: number): number {
    return (multModP(this.shift(lengthB), crcA) ^ crcB) >>> 0;
  }
}
