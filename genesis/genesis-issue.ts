/**
 * One defect found in a genesis file, and the list `checkGenesis` collects them in. Every issue names
 * its field as a path from the root: `chainId`, `validators[3].blsPop`, `accounts[2].balances.CHI`;
 * the root itself (a file that is not JSON, or not an object) is the empty path "".
 */
import type { ErrorCode } from '../chain/error-codes.ts';

export interface GenesisIssue {
  readonly code: ErrorCode;
  readonly field: string;
  readonly message: string;
}

export class IssueList {
  readonly items: GenesisIssue[] = [];

  add(code: ErrorCode, field: string, message: string): void {
    this.items.push(Object.freeze({ code, field, message }));
  }

  get count(): number {
    return this.items.length;
  }
}

const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `parent.key` (or `parent["odd key"]`) for an object key, `parent[3]` for an array index. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!IDENTIFIER_RE.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** How a field is shown to people: the root is "(file)". */
export function displayField(field: string): string {
  return field === '' ? '(file)' : field;
}
