/**
 * The JSON shapes of the DAO and farming routes (GET /dao/..., GET /farming/...), as TypeBox
 * schemas. Portable (TypeBox only), like schemas.ts: the SDK takes its types from here.
 *
 * Amounts are decimal strings of base units (the regional token's unless an `asset` says
 * otherwise); addresses bech32m with the chain prefix; keys hex; times RFC 3339 UTC. Shares are
 * permille integers (334 = 33.4%), floored, and where exactness matters also decimal strings
 * (`"0.334"`). Vote weights are integers in milli-units of 2*CU + SU (1500 = 1.5 units).
 *
 * The action JSON form (`ActionJson`) is shared by the RPC answers and the CLI's input; the SDK
 * converts it both ways (rpc/client/dao-json.ts).
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Decimal } from './pool-schemas.ts';
import { Address, BaseUnits, Hex, Time } from './schemas.ts';

const strict = { additionalProperties: false } as const;

const Id = Type.Integer({ minimum: 1, maximum: 0xffff_ffff });
const Count = Type.Integer({ minimum: 0 });
const Height = Type.Integer({ minimum: 0 });
const Permille = Type.Integer({ minimum: 0, maximum: 1000, description: 'permille, floored (334 = 33.4%)' });
const Nullable = <T extends TSchema>(t: T, description: string) => Type.Union([t, Type.Null()], { description });

export const NodeCertificationJson = Type.Union([Type.Literal('diy'), Type.Literal('certified')]);
export const FarmCertificationJson = Type.Union([Type.Literal('notCertified'), Type.Literal('gold')]);
export const ProposalStatusJson = Type.Union([Type.Literal('open'), Type.Literal('passed'), Type.Literal('rejected'), Type.Literal('vetoed'), Type.Literal('failed')]);
export const VoteChoiceJson = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('abstain'), Type.Literal('veto')]);
export const OutcomeJson = Type.Union([Type.Literal('passed'), Type.Literal('rejected'), Type.Literal('vetoed')]);

// ---------------------------------------------------------------- the action JSON form

export const PolicyJson = Type.Object(
  {
    name: Type.String({ description: '1..64 of A-Z a-z 0-9 _ - .' }),
    cu: BaseUnits,
    su: BaseUnits,
    nu: BaseUnits,
    ipv4: BaseUnits,
    minimalUptime: Type.Integer({ minimum: 0, maximum: 1000, description: 'permille of the period a node must be up to earn at all' }),
    policyEnd: Type.Integer({ minimum: 0, description: 'last height the policy applies; 0 = no end' }),
    immutable: Type.Boolean(),
    default: Type.Boolean({ description: 'serves nodes whose farm has no (usable) attached policy' }),
    nodeCertification: NodeCertificationJson,
    farmCertification: FarmCertificationJson,
  },
  { ...strict, description: 'the fields of a farming policy; cu/su per unit per period, nu per GB, ipv4 per IP per hour, base units' },
);
export type PolicyJson = Static<typeof PolicyJson>;

export const LimitsJson = Type.Object(
  {
    cuMilli: Nullable(Count, 'CU budget across the farm, milli-units; null = no limit'),
    suMilli: Nullable(Count, 'SU budget across the farm, milli-units; null = no limit'),
    nodeCount: Nullable(Count, 'nodes the policy serves; null = no limit'),
    end: Nullable(Height, 'last height of the attachment; null = no end'),
    nodeCertification: Type.Boolean({ description: 'only certified nodes get the policy' }),
  },
  strict,
);
export type LimitsJson = Static<typeof LimitsJson>;

export const DaoParamsJson = Type.Object(
  {
    minDeposit: BaseUnits,
    minVotingPeriod: Type.Integer({ minimum: 0, description: 'blocks' }),
    maxVotingPeriod: Type.Integer({ minimum: 0, description: 'blocks' }),
    quorum: Type.Integer({ minimum: 0, description: 'permille of the total weight that must vote' }),
    threshold: Type.Integer({ minimum: 0, description: 'permille of yes + no + veto that yes must exceed' }),
    veto: Type.Integer({ minimum: 0, description: 'permille of the turnout at which a veto wins' }),
  },
  strict,
);
export type DaoParamsJson = Static<typeof DaoParamsJson>;

export const ActionJson = Type.Union(
  [
    Type.Object({ kind: Type.Literal('add-policy'), policy: PolicyJson }, strict),
    Type.Object({ kind: Type.Literal('update-policy'), policyId: Id, policy: PolicyJson }, strict),
    Type.Object({ kind: Type.Literal('attach-policy'), farmId: Id, policyId: Id, limits: LimitsJson }, strict),
    Type.Object({ kind: Type.Literal('detach-policy'), farmId: Id }, strict),
    Type.Object({ kind: Type.Literal('set-farm-certification'), farmId: Id, certification: FarmCertificationJson }, strict),
    Type.Object({ kind: Type.Literal('set-node-certification'), nodeId: Id, certification: NodeCertificationJson }, strict),
    Type.Object({ kind: Type.Literal('set-pool-fee'), feeBps: Type.Integer({ minimum: 0, maximum: 0xffff }) }, strict),
    Type.Object({ kind: Type.Literal('set-dao-params'), params: DaoParamsJson }, strict),
    Type.Object(
      { kind: Type.Literal('treasury-spend'), to: Address, asset: Type.Union([Type.Literal('TFT'), Type.Literal('REGIONAL')]), amount: BaseUnits },
      strict,
    ),
  ],
  { description: 'a proposal action; it runs when the proposal passes (the actions of a proposal run in order, all or none)' },
);
export type ActionJson = Static<typeof ActionJson>;
export type ActionKindJson = ActionJson['kind'];

// ---------------------------------------------------------------- requests

export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,9}$', description: 'a positive integer id' }) }, strict);
export const PeriodParams = Type.Object({ period: Type.String({ pattern: '^(0|[1-9][0-9]{0,9})$', description: 'a farming period number' }) }, strict);
/** Routes without query parameters refuse any (a typo like ?stauts=open is a 400, not a silently unfiltered answer). */
export const NoQuery = Type.Object({}, strict);
export const ProposalsQuery = Type.Object({ status: Type.Optional(ProposalStatusJson) }, strict);
export type ProposalsQuery = Static<typeof ProposalsQuery>;
export const ProposalQuery = Type.Object({ farm: Type.Optional(Type.Integer({ minimum: 1, maximum: 0xffff_ffff, description: "adds this farm's current vote" })) }, strict);
export type ProposalQuery = Static<typeof ProposalQuery>;

// ---------------------------------------------------------------- DAO answers

export const DaoParamsView = Type.Object(
  {
    height: Type.Integer({ minimum: 0, description: 'the state after this block' }),
    params: DaoParamsJson,
    floors: Type.Object(
      { minDeposit: BaseUnits, minVotingPeriod: Count, quorum: Count, threshold: Count },
      { ...strict, description: 'bounds fixed in genesis: no proposal can move the parameters past them' },
    ),
    shares: Type.Object(
      { quorum: Decimal, threshold: Decimal, veto: Decimal, floorQuorum: Decimal, floorThreshold: Decimal },
      { ...strict, description: 'the permille parameters as decimal fractions ("0.334")' },
    ),
  },
  strict,
);
export type DaoParamsView = Static<typeof DaoParamsView>;

export const TallyView = Type.Object(
  {
    yes: Count,
    no: Count,
    abstain: Count,
    veto: Count,
    totalWeight: Type.Integer({ minimum: 0, description: 'weight of all farms when the proposal was created' }),
    turnout: Type.Integer({ minimum: 0, description: 'yes + no + abstain + veto' }),
    turnoutPermille: Permille,
    turnoutShare: Decimal,
    quorumReached: Type.Boolean({ description: 'turnout * 1000 >= quorum * totalWeight (and totalWeight > 0)' }),
    yesPermille: Type.Integer({ minimum: 0, maximum: 1000, description: 'yes / (yes + no + veto), permille floored; 0 without such votes' }),
    yesShare: Decimal,
    vetoPermille: Type.Integer({ minimum: 0, maximum: 1000, description: 'veto / turnout, permille floored; 0 without votes' }),
    vetoShare: Decimal,
    projected: Type.Union([OutcomeJson, Type.Null()], { description: 'the outcome if the proposal closed now, by the current parameters; null once closed' }),
  },
  { ...strict, description: 'weights in milli-units of 2*CU + SU' },
);
export type TallyView = Static<typeof TallyView>;

const proposalSummaryFields = {
  id: Id,
  title: Type.String(),
  proposer: Address,
  status: ProposalStatusJson,
  deposit: BaseUnits,
  createdHeight: Height,
  endHeight: Type.Integer({ minimum: 0, description: 'last height that takes votes; the proposal closes at the end of this block' }),
  blocksLeft: Type.Integer({ minimum: 0, description: 'endHeight - height, at least 0' }),
  actionKinds: Type.Array(Type.String(), { description: 'the kinds of its actions, in order (empty: a text proposal)' }),
  voters: Count,
  tally: TallyView,
  failCode: Type.Union([Type.String(), Type.Null()], { description: 'status failed: the error code of the failed action' }),
  failedAction: Type.Union([Count, Type.Null()], { description: 'status failed: the index of the failed action' }),
};

export const ProposalSummary = Type.Object(proposalSummaryFields, strict);
export type ProposalSummary = Static<typeof ProposalSummary>;

export const ProposalsView = Type.Object({ height: Height, proposals: Type.Array(ProposalSummary, { description: 'ascending id' }) }, strict);
export type ProposalsView = Static<typeof ProposalsView>;

export const FarmVoteView = Type.Object({ farmId: Id, choice: VoteChoiceJson, weight: Count }, strict);

export const ProposalView = Type.Object(
  {
    height: Height,
    ...proposalSummaryFields,
    description: Type.String(),
    actions: Type.Array(ActionJson),
    secondsLeft: Type.Union([Count, Type.Null()], {
      description: 'blocksLeft times the average block time of the latest (up to 20) headers, rounded; null on a chain of fewer than 2 blocks',
    }),
    farmVote: Type.Optional(Type.Union([FarmVoteView, Type.Null()], { description: 'with ?farm=ID: that farm\'s current vote (null: it has not voted)' })),
  },
  strict,
);
export type ProposalView = Static<typeof ProposalView>;

// ---------------------------------------------------------------- farming answers

export const PolicyView = Type.Object(
  {
    id: Id,
    version: Type.Integer({ minimum: 1 }),
    policyCreated: Height,
    ...PolicyJson.properties,
    expired: Type.Boolean({ description: 'policyEnd != 0 and the chain is past it' }),
  },
  strict,
);
export type PolicyView = Static<typeof PolicyView>;

export const PoliciesView = Type.Object({ height: Height, policies: Type.Array(PolicyView, { description: 'ascending id' }) }, strict);
export type PoliciesView = Static<typeof PoliciesView>;

export const FarmView = Type.Object(
  {
    height: Height,
    id: Id,
    name: Type.String(),
    owner: Address,
    payout: Address,
    certification: FarmCertificationJson,
    nodeIds: Type.Array(Id),
    weightMilli: Count,
    weight: Type.String({ description: 'the vote weight in units of 2*CU + SU, decimal' }),
    attachment: Type.Union([Type.Object({ policyId: Id, limits: LimitsJson }, strict), Type.Null()]),
  },
  strict,
);
export type FarmView = Static<typeof FarmView>;

export const NodeView = Type.Object(
  {
    height: Height,
    id: Id,
    farmId: Id,
    nodeKey: Hex('ed25519 node key', 32),
    account: Address,
    resources: Type.Object({ cru: Count, mru: Count, sru: Count, hru: Count }, { ...strict, description: 'cores, and bytes of memory, SSD, HDD' }),
    publicIps: Count,
    certification: NodeCertificationJson,
    units: Type.Object({ cuMilli: Count, suMilli: Count, cu: Type.String(), su: Type.String() }, { ...strict, description: 'capacity units (milli-units, and decimal)' }),
    uptime: Type.Object(
      {
        period: Count,
        creditedSeconds: Type.Integer({ minimum: 0, description: 'uptime credited in the current period (0 before its first report)' }),
        nuBytes: Type.Integer({ minimum: 0, description: 'public traffic reported in the current period' }),
        lastReport: Type.Union([Time, Type.Null()], { description: 'header time of the last report (for a node added after genesis, of its registration until it reports); null before either' }),
        lastUptime: Type.Integer({ minimum: 0, description: 'seconds since boot the last report stated' }),
      },
      strict,
    ),
    policyNow: Type.Union([Id, Type.Null()], { description: 'the policy that would pay the node if the period ended now; null: none' }),
  },
  strict,
);
export type NodeView = Static<typeof NodeView>;

export const CurrentPeriodView = Type.Object(
  {
    period: Count,
    startHeight: Height,
    startTime: Time,
    endHeight: Type.Integer({ minimum: 0, description: 'the period closes at the end of this block' }),
    periodBlocks: Type.Integer({ minimum: 1 }),
    blocksLeft: Count,
    secondsLeft: Type.Union([Count, Type.Null()]),
  },
  strict,
);
export type CurrentPeriodView = Static<typeof CurrentPeriodView>;

const periodSummaryFields = {
  period: Count,
  endHeight: Height,
  startTime: Time,
  endTime: Time,
  minted: BaseUnits,
  nodesPaid: Count,
  nodesBelowUptime: Count,
};
export const PeriodSummaryView = Type.Object(periodSummaryFields, strict);
export type PeriodSummaryView = Static<typeof PeriodSummaryView>;

export const NodeRewardView = Type.Object(
  { nodeId: Id, policyId: Type.Union([Id, Type.Null()]), uptimePermille: Permille, amount: BaseUnits },
  strict,
);
export const FarmRewardView = Type.Object({ farmId: Id, payout: Address, amount: BaseUnits, nodes: Type.Array(NodeRewardView) }, strict);

export const PeriodRewardsView = Type.Object({ height: Height, ...periodSummaryFields, farms: Type.Array(FarmRewardView) }, strict);
export type PeriodRewardsView = Static<typeof PeriodRewardsView>;

export const RewardsOverview = Type.Object(
  { height: Height, current: CurrentPeriodView, latest: Type.Union([PeriodSummaryView, Type.Null()], { description: 'the latest closed period; null before the first closes' }) },
  strict,
);
export type RewardsOverview = Static<typeof RewardsOverview>;
