/**
 * `consensus`: network-wide Tendermint parameters. Every number is a positive integer in a sane
 * range, so a typo (an extra zero or two) cannot stall or flood a network:
 * timeouts 1..600000 ms; maxBlockBytes 1 KiB..100 MiB; maxBlockTxs 1..1,000,000;
 * maxTxBytes 256 B..maxBlockBytes; anchorInterval 1..1,000,000 blocks.
 */
import type { ConsensusParams, ConsensusTimeouts } from './genesis-types.ts';
import type { IssueList } from './genesis-issue.ts';
import { integerIn, ObjectReader } from './value-readers.ts';

export const MAX_TIMEOUT_MS = 600_000;
export const MIN_BLOCK_BYTES = 1024;
export const MAX_BLOCK_BYTES = 100 * 1024 * 1024;
export const MAX_BLOCK_TXS = 1_000_000;
export const MIN_TX_BYTES = 256;
export const MAX_ANCHOR_INTERVAL = 1_000_000;

export const TIMEOUT_FIELDS = [
  'proposeMs',
  'proposeDeltaMs',
  'prevoteMs',
  'prevoteDeltaMs',
  'precommitMs',
  'precommitDeltaMs',
  'commitMs',
] as const satisfies readonly (keyof ConsensusTimeouts)[];

const CONSENSUS_FIELDS = ['timeouts', 'maxBlockBytes', 'maxBlockTxs', 'maxTxBytes', 'anchorInterval'] as const;

function parseTimeouts(value: unknown, field: string, issues: IssueList): ConsensusTimeouts | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const read = integerIn(1, MAX_TIMEOUT_MS);
  const out: Partial<Record<keyof ConsensusTimeouts, number>> = {};
  let complete = true;
  for (const name of TIMEOUT_FIELDS) {
    const v = r.required(name, read);
    if (v === undefined) complete = false;
    else out[name] = v;
  }
  r.rejectUnknown(TIMEOUT_FIELDS);
  return complete ? (out as ConsensusTimeouts) : undefined;
}

export function parseConsensus(value: unknown, field: string, issues: IssueList): ConsensusParams | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const timeouts = r.required('timeouts', parseTimeouts);
  const maxBlockBytes = r.required('maxBlockBytes', integerIn(MIN_BLOCK_BYTES, MAX_BLOCK_BYTES));
  const maxBlockTxs = r.required('maxBlockTxs', integerIn(1, MAX_BLOCK_TXS));
  let maxTxBytes = r.required('maxTxBytes', integerIn(MIN_TX_BYTES, MAX_BLOCK_BYTES));
  if (maxTxBytes !== undefined && maxBlockBytes !== undefined && maxTxBytes > maxBlockBytes) {
    issues.add('GENESIS_INVALID_FIELD', r.path('maxTxBytes'), `must not exceed maxBlockBytes (${maxBlockBytes}), got ${maxTxBytes}`);
    maxTxBytes = undefined;
  }
  const anchorInterval = r.required('anchorInterval', integerIn(1, MAX_ANCHOR_INTERVAL));
  r.rejectUnknown(CONSENSUS_FIELDS);
  if (timeouts === undefined || maxBlockBytes === undefined || maxBlockTxs === undefined || maxTxBytes === undefined || anchorInterval === undefined) {
    return undefined;
  }
  return { timeouts, maxBlockBytes, maxBlockTxs, maxTxBytes, anchorInterval };
}
