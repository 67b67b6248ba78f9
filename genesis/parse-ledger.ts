/** `ledger`: `minFee`, the minimum fee per tx in base units of the regional token (may be "0"). */
import type { LedgerParams } from './genesis-types.ts';
import type { IssueList } from './genesis-issue.ts';
import { amountString, ObjectReader } from './value-readers.ts';

export function parseLedger(value: unknown, field: string, issues: IssueList): LedgerParams | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const minFee = r.required('minFee', amountString);
  r.rejectUnknown(['minFee']);
  return minFee === undefined ? undefined : { minFee };
}
