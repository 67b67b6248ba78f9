/** A small valid genesis (4 validators, 12 accounts) to mutate, and helpers to check one defect. */
import { expect } from 'chai';
import type { ErrorCode } from '../../chain/error-codes.ts';
import { generateGenesis } from '../../genesis/generate-genesis.ts';
import type { GenesisFile } from '../../genesis/genesis-file.ts';
import type { GenesisIssue } from '../../genesis/genesis-issue.ts';
import { checkGenesis } from '../../genesis/parse-genesis.ts';
import type { ParseGenesisOptions } from '../../genesis/section-parser.ts';

export const SMALL_SEED = 'genesis-tests';

let small: GenesisFile | undefined;

/** A fresh deep copy of the small genesis (generated once). */
export function smallGenesis(): GenesisFile {
  small ??= generateGenesis({ region: 'testnet', validators: 4, seed: SMALL_SEED, pool: false, dao: false });
  return structuredClone(small);
}

export function textOf(file: unknown): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The issues of `text`; fails the test if it is valid. */
export function issuesOf(text: string, options?: ParseGenesisOptions): readonly GenesisIssue[] {
  const result = checkGenesis(text, options);
  if (result.ok) expect.fail('expected the genesis to be rejected');
  return result.issues;
}

function describeIssues(issues: readonly GenesisIssue[]): string {
  return issues.map((i) => `${i.code} ${i.field}: ${i.message}`).join('\n    ');
}

/** Asserts that the issues include one with this code AND this field. */
export function expectIssue(issues: readonly GenesisIssue[], code: ErrorCode, field: string): void {
  const found = issues.some((i) => i.code === code && i.field === field);
  expect(found, `expected ${code} at "${field}", got:\n    ${describeIssues(issues)}`).to.equal(true);
}

/** Mutates a copy of the small genesis and asserts the defect is reported with its code and field. */
export function expectDefect(mutate: (g: GenesisFile) => void, code: ErrorCode, field: string, options?: ParseGenesisOptions): readonly GenesisIssue[] {
  const g = smallGenesis();
  mutate(g);
  const issues = issuesOf(textOf(g), options);
  expectIssue(issues, code, field);
  return issues;
}

/** A loosely typed view of a JSON object, for mutations the format type would forbid. */
export function loose(value: unknown): Record<string, unknown> {
  return value as Record<string, unknown>;
}
