/**
 * The genesis section "dao": the DAO's parameters and the floors no proposal can move them below.
 *
 *   "dao": {
 *     "params": { "minDeposit": "<base units>", "minVotingPeriod": 60, "maxVotingPeriod": 100000,
 *                 "quorum": 334, "threshold": 500, "veto": 334 },
 *     "floors": { "minDeposit": "<base units>", "minVotingPeriod": 60, "quorum": 334, "threshold": 500 }
 *   }
 *
 * Shares are permille; quorum, threshold and veto default to the Hub's 334 / 500 / 334. Each floor
 * defaults to its parameter (the DAO may then only raise the bar); the parameters must meet the
 * floors. A minimum deposit of zero is refused: deposits are what make spam cost something.
 */
import type BN from 'bn.js';
import { ChainError } from '../../chain/errors.ts';
import type { GenesisContext } from '../../chain/execution/module.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { IssueList } from '../../genesis/genesis-issue.ts';
import { amountString, integerIn, ObjectReader, type Reader } from '../../genesis/value-readers.ts';
import { checkParams, MAX_VOTING_PERIOD } from './check-params.ts';
import { putConfig, putNextProposalId, type DaoConfig } from './dao-state.ts';
import type { DaoFloors, DaoParams } from './dao-types.ts';

export const HUB_GOVERNANCE = { quorum: 334, threshold: 500, veto: 334 } as const;

const PARAM_KEYS = ['minDeposit', 'minVotingPeriod', 'maxVotingPeriod', 'quorum', 'threshold', 'veto'];
const FLOOR_KEYS = ['minDeposit', 'minVotingPeriod', 'quorum', 'threshold'];

const positiveAmount: Reader<BN> = (value, field, issues) => {
  const v = amountString(value, field, issues);
  if (v !== undefined && v.isZero()) {
    issues.add('GENESIS_INVALID_AMOUNT', field, 'the minimum deposit must be at least 1 base unit');
    return undefined;
  }
  return v;
};

const period = integerIn(1, MAX_VOTING_PERIOD);
const permille = integerIn(1, 1000);

function readParams(value: unknown, field: string, issues: IssueList): DaoParams | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const minDeposit = r.required('minDeposit', positiveAmount);
  const minVotingPeriod = r.required('minVotingPeriod', period);
  const maxVotingPeriod = r.required('maxVotingPeriod', period);
  const quorum = r.optional('quorum', permille) ?? HUB_GOVERNANCE.quorum;
  const threshold = r.optional('threshold', integerIn(1, 999)) ?? HUB_GOVERNANCE.threshold;
  const veto = r.optional('veto', permille) ?? HUB_GOVERNANCE.veto;
  r.rejectUnknown(PARAM_KEYS);
  if (minDeposit === undefined || minVotingPeriod === undefined || maxVotingPeriod === undefined) return undefined;
  return { minDeposit, minVotingPeriod, maxVotingPeriod, quorum, threshold, veto };
}

function readFloors(value: unknown, field: string, issues: IssueList, params: DaoParams): DaoFloors | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const floors = {
    minDeposit: r.optional('minDeposit', positiveAmount) ?? params.minDeposit,
    minVotingPeriod: r.optional('minVotingPeriod', period) ?? params.minVotingPeriod,
    quorum: r.optional('quorum', permille) ?? params.quorum,
    threshold: r.optional('threshold', integerIn(1, 999)) ?? params.threshold,
  };
  r.rejectUnknown(FLOOR_KEYS);
  return floors;
}

/** The SectionParser of "dao": strict, every defect with its exact field ("dao.params.quorum"). */
export function parseDaoSection(value: unknown, field: string): DaoConfig {
  const issues = new IssueList();
  const r = ObjectReader.open(value, field, issues);
  let parsed: DaoConfig | undefined;
  if (r !== undefined) {
    const params = r.required('params', (v, f, i) => readParams(v, f, i));
    const floors = params === undefined ? undefined : r.has('floors') ? readFloors(r.object['floors'], r.path('floors'), issues, params) : { ...params };
    r.rejectUnknown(['params', 'floors']);
    if (params !== undefined && floors !== undefined && issues.items.length === 0) {
      try {
        checkParams(params, floors, `${field}.params`);
        parsed = { params, floors };
      } catch (e) {
        if (!(e instanceof ChainError)) throw e;
        const at = typeof e.details?.['field'] === 'string' ? e.details['field'] : `${field}.params`;
        issues.add('GENESIS_INVALID_FIELD', at, e.message);
      }
    }
  }
  const first = issues.items[0];
  if (first !== undefined) throw new ChainError(first.code, `${first.field}: ${first.message}`, { field: first.field, issues: issues.items });
  if (parsed === undefined) throw new ChainError('GENESIS_INVALID_FIELD', `${field}: invalid dao section`, { field });
  return parsed;
}

/** The parsed "dao" section of a genesis, or undefined when it has none (then the chain has no DAO). */
export function daoSectionOf(genesis: Genesis): DaoConfig | undefined {
  return genesis.app['dao'] as DaoConfig | undefined;
}

export function initDaoGenesis(ctx: GenesisContext, section: DaoConfig): void {
  putConfig(ctx.state, section);
  putNextProposalId(ctx.state, 1);
}
