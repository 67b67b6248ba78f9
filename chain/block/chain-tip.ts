/** The head of the stored chain: what the next block must build on. Height 0 is genesis. */
import { decodeCbor, encodeCbor } from '../codec/cbor.ts';
import { readArray, readBytes, readUint } from '../codec/read.ts';

export interface ChainTip {
  readonly height: number;
  /** Hash of the tip block (the genesis hash at height 0). */
  readonly hash: Uint8Array;
  /** Time of the tip block (genesis time at height 0), ms. */
  readonly time: number;
  /** Hash of the tip block's results (of the genesis results at height 0). */
  readonly resultsHash: Uint8Array;
}

export function encodeTip(t: ChainTip): Uint8Array {
  return encodeCbor([t.height, t.hash, t.time, t.resultsHash]);
}

export function decodeTip(bytes: Uint8Array): ChainTip {
  const a = readArray(decodeCbor(bytes), 'tip', 4);
  return {
    height: readUint(a[0], 'tip.height'),
    hash: readBytes(a[1], 'tip.hash', 32),
    time: readUint(a[2], 'tip.time'),
    resultsHash: readBytes(a[3], 'tip.resultsHash', 32),
  };
}
