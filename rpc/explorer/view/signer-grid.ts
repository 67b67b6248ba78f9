/**
 * Who signed the latest blocks, per validator: the commits of recent blocks (block h's commit is
 * block h+1's `lastCommit`, what the chain agreed on) as one strip of marks per validator, oldest
 * block first, with the count of blocks it signed. Pure: the page draws it as the validator grid.
 */

export interface ValidatorInfo {
  readonly index: number;
  readonly name: string;
  readonly power: number;
  /** Of GET /validators' window (the last up to 100 blocks): how many the validator signed. */
  readonly signedWindow?: number;
}

export interface GridCell extends ValidatorInfo {
  /** One per column of `GridModel.heights`: whether the commit of that block carries the validator. */
  readonly marks: readonly boolean[];
  /** Marks set. */
  readonly signed: number;
}

export interface GridModel {
  /** Heights of the columns, ascending: the latest committed blocks whose commit is known. */
  readonly heights: readonly number[];
  readonly cells: readonly GridCell[];
}

export const DEFAULT_GRID_BLOCKS = 20;

/** Keeps the signers of at most `keep` blocks, the newest (returns a new map). */
export function addCommit(commits: ReadonlyMap<number, readonly number[]>, height: number, signers: readonly number[], keep = DEFAULT_GRID_BLOCKS): Map<number, readonly number[]> {
  const next = new Map(commits);
  next.set(height, [...signers]);
  const heights = [...next.keys()].sort((a, b) => b - a);
  for (const h of heights.slice(keep)) next.delete(h);
  return next;
}

/** The grid of `validators` (in index order) over the newest `columns` blocks of `commits`. */
export function signerGrid(validators: readonly ValidatorInfo[], commits: ReadonlyMap<number, readonly number[]>, columns = DEFAULT_GRID_BLOCKS): GridModel {
  const heights = [...commits.keys()].sort((a, b) => a - b).slice(-columns);
  const sets = heights.map((h) => new Set(commits.get(h)));
  const cells = [...validators]
    .sort((a, b) => a.index - b.index)
    .map((v) => {
      const marks = sets.map((s) => s.has(v.index));
      return { ...v, marks, signed: marks.filter(Boolean).length };
    });
  return { heights, cells };
}

/** Sum of the signers' power at each column, as a share of the total: what each commit carried. */
export function signedPowerShares(model: GridModel): number[] {
  const total = model.cells.reduce((s, c) => s + c.power, 0);
  return model.heights.map((_, i) => (total === 0 ? 0 : model.cells.reduce((s, c) => s + (c.marks[i] === true ? c.power : 0), 0) / total));
}
