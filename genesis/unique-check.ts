import type { IssueList } from './genesis-issue.ts';

/** Reports the second and later occurrences of a value as GENESIS_DUPLICATE_VALUE, naming the first. */
export class UniqueCheck {
  private readonly firstSeen = new Map<string, string>();

  constructor(
    private readonly what: string,
    private readonly issues: IssueList,
  ) {}

  check(value: string, field: string): void {
    const first = this.firstSeen.get(value);
    if (first === undefined) this.firstSeen.set(value, field);
    else this.issues.add('GENESIS_DUPLICATE_VALUE', field, `duplicate ${this.what}: same as ${first}`);
  }
}
