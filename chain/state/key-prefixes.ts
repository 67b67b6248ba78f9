/**
 * The one table of LevelDB key prefixes. Every kind of record in the node's database starts with
 * its own byte; a byte is never reused for something else, so old databases stay readable.
 */
export const KEY_PREFIX = {
  /** Merkle tree node, content-addressed: prefix || sha256(node) -> node bytes. */
  treeNode: 0x6e, // 'n'
  /** Current value of a state key (format 1, no longer written; see README): prefix || key -> value. */
  stateValue: 0x76, // 'v'
  /** A state value, content-addressed: prefix || sha256(value) -> value (a tree leaf holds that hash). */
  valueByHash: 0x77, // 'w'
  /** Metadata of the committed state: prefix || name -> value. */
  meta: 0x6d, // 'm'
  /** Block by height: prefix || u64be(height) -> block bytes. */
  blockByHeight: 0x62, // 'b'
  /** Height by block hash: prefix || hash -> u64be(height). */
  heightByHash: 0x68, // 'h'
  /** Transaction location by hash: prefix || txHash -> u64be(height) || u32be(index). */
  txByHash: 0x74, // 't'
  /** Execution results of a block: prefix || u64be(height) -> results bytes. */
  resultsByHeight: 0x72, // 'r'
  /** The commit (+2/3 precommits) that decided a block: prefix || u64be(height) -> commit bytes. */
  commitByHeight: 0x63, // 'c'
  /** An aggregate certificate this node formed (chain/node/anchor): prefix || u64be(height) -> aggregate bytes. */
  anchorAggregate: 0x61, // 'a'
} as const;

export function prefixed(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  let n = 1;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  out[0] = prefix;
  let o = 1;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
