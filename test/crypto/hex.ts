/** Test helper: strict hex to bytes, throwing instead of returning undefined. */
import { fromHexStrict } from '../../chain/codec/bytes.ts';

export function hex(s: string): Uint8Array {
  const b = fromHexStrict(s);
  if (b === undefined) throw new Error(`bad hex in test data: ${s.slice(0, 16)}...`);
  return b;
}

/** A copy of `b` with bit `bit` of byte `index` flipped. */
export function flipBit(b: Uint8Array, index: number, bit = 0): Uint8Array {
  const c = b.slice();
  c[index] = c[index]! ^ (1 << bit);
  return c;
}
