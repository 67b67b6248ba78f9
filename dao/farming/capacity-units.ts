/**
 * ThreeFold's capacity units from a node's raw resources, in milli-units with one documented floor
 * each (integer math on BigInt, so no float and no 2^53 surprise). GiB = 2^30 bytes.
 *
 *   CU = min(cru * 2, (mru - 1 GiB) / 4 GiB, sru / 50 GiB)   -> each term floored to milli, then min, >= 0
 *   SU = hru / 1200 GiB + sru / 250 GiB                       -> floor((5*hru + 24*sru) * 1000 / (6000 GiB))
 *
 * Unlike tfchain, ties between the CU terms are no special case and every term is in GiB; SU is
 * floored once, on the exact sum, so splitting a disk never changes it.
 */
import type { CapacityUnits, NodeResources } from './farming-types.ts';

const GIB = 1n << 30n;

function minBig(...xs: bigint[]): bigint {
  return xs.reduce((m, x) => (x < m ? x : m));
}

export function capacityUnits(r: NodeResources): CapacityUnits {
  const cru = BigInt(r.cru);
  const mru = BigInt(r.mru);
  const sru = BigInt(r.sru);
  const hru = BigInt(r.hru);
  // Below 1 GiB of memory the node keeps nothing for workloads: no CU.
  const memTerm = mru <= GIB ? 0n : ((mru - GIB) * 1000n) / (4n * GIB);
  const cu = minBig(cru * 2000n, memTerm, (sru * 1000n) / (50n * GIB));
  const su = ((5n * hru + 24n * sru) * 1000n) / (6000n * GIB);
  return { cuMilli: Number(cu < 0n ? 0n : cu), suMilli: Number(su) };
}

/** A node's DAO vote weight, 2*CU + SU in milli-units. */
export function voteWeightMilli(u: CapacityUnits): number {
  return 2 * u.cuMilli + u.suMilli;
}
