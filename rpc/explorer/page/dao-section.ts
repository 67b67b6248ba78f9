/**
 * Section "DAO and farming": proposals, open ones first, each with its live tally bar (yes / no /
 * abstain / veto as parts of the total vote weight, the quorum marked), turnout, time left and the
 * projected outcome; then the farming policies with their history and the current farming period.
 * Proposals are read again when a `dao` tx commits, when an open proposal's voting ends or the
 * farming period closes, and every 20 blocks; time left is recomputed on every block from the page's own height and block time.
 */
import type { DaoParamsView, PolicyView, ProposalSummary, ProposalView, RewardsOverview } from '../../api/dao-schemas.ts';
import type { BlockMessage, TxMessage } from '../../api/schemas.ts';
import { coalesced, mapLimited } from '../view/coalesce.ts';
import { formatPermille, formatTokens, formatWeight, groupDigits } from '../view/format.ts';
import { policyHistory, POLICY_ACTION_KINDS } from '../view/policy-history.ts';
import { tallyBar } from '../view/tally.ts';
import { timeLeft, timeLeftText } from '../view/time-left.ts';
import type { ExplorerContext, Section } from './context.ts';
import { byId, h, keyedList, notOnThisChain, setText } from './dom.ts';

const REFRESH_BLOCKS = 20;
const PAST_SHOWN = 20;
/** Closed proposals read in full for the policies' history (the newest). */
const HISTORY_READS = 20;

function statusText(p: ProposalSummary): string {
  if (p.status === 'failed') return `failed: action ${(p.failedAction ?? 0) + 1} ${p.failCode ?? ''}`.trim();
  return p.status;
}

export function daoSection(ctx: ExplorerContext): Section {
  const daoBody = byId('dao-body');
  const policyBody = byId('policy-body');
  const hasDao = ctx.features.dao;
  const hasFarming = ctx.features.farming;
  const why = ctx.features.role === 'hub' ? 'the Hub has none' : '';
  if (!hasDao) notOnThisChain(daoBody, 'The DAO is', why || 'its genesis has no dao section');
  if (!hasFarming) notOnThisChain(policyBody, 'Farming is', why || 'its genesis has no farming section');
  if (!hasDao && !hasFarming) return { start: async () => undefined };

  let params: DaoParamsView | undefined;
  let proposals: ProposalSummary[] = [];
  let policies: PolicyView[] = [];
  let period: RewardsOverview | undefined;
  const full = new Map<number, ProposalView>();
  let lastRead = 0;

  const renderProposal = (p: ProposalSummary): HTMLElement => {
    const quorum = params?.params.quorum ?? 0;
    const bar = tallyBar(p.tally, quorum);
    const open = p.status === 'open';
    const left = timeLeft(p.endHeight, Math.max(ctx.height, p.endHeight - p.blocksLeft), ctx.meanBlockMs);
    const summary = bar.segments.map((s) => `${s.choice} ${formatWeight(s.weight)} (${s.percentOfTurnout}%)`).join(', ');
    const barEl = h(
      'div',
      {
        class: 'tally',
        'data-testid': 'tally-bar',
        'data-yes': p.tally.yes,
        'data-no': p.tally.no,
        'data-abstain': p.tally.abstain,
        'data-veto': p.tally.veto,
        'data-total': p.tally.totalWeight,
        role: 'img',
        'aria-label': `tally: ${summary}; turnout ${bar.turnoutPercent}% of the total weight, quorum ${bar.quorumPercent}%`,
      },
      ...bar.segments.map((s) => {
        const seg = h('span', { class: `seg ${s.choice}` });
        seg.style.width = `${s.percentOfTotal}%`;
        return seg;
      }),
    );
    const mark = h('span', { class: 'quorum-mark', title: `quorum ${bar.quorumPercent}%` });
    mark.style.left = `${Math.min(100, bar.quorumPercent)}%`;
    barEl.append(mark);
    return h(
      'li',
      { 'data-testid': 'proposal-row', 'data-proposal-id': p.id, 'data-status': p.status, class: 'proposal' },
      h('h4', {}, `#${p.id} ${p.title}`),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: `status ${p.status}` }, statusText(p)),
        ` · ${p.actionKinds.length === 0 ? 'text only' : p.actionKinds.join(', ')} · `,
        open ? `votes until height ${groupDigits(String(p.endHeight))}: ${timeLeftText(left, false)}` : `ended at height ${groupDigits(String(p.endHeight))}`,
      ),
      barEl,
      h(
        'p',
        { class: 'legend' },
        ...bar.segments.map((s) => h('span', { class: `key ${s.choice}` }, `${s.choice} ${formatWeight(s.weight)} (${s.percentOfTurnout}%)`)),
        h('span', { class: 'key' }, `turnout ${formatWeight(bar.turnout)} of ${formatWeight(p.tally.totalWeight)} (${bar.turnoutPercent}%), quorum ${bar.quorumPercent}%: ${p.tally.quorumReached ? 'reached' : 'not reached'}`),
        p.tally.projected === null ? null : h('span', { class: 'key' }, `projected ${p.tally.projected}`),
      ),
    );
  };

  const renderProposals = (): void => {
    const list = byId('proposal-list');
    const open = proposals.filter((p) => p.status === 'open').sort((a, b) => a.endHeight - b.endHeight || a.id - b.id);
    const past = proposals.filter((p) => p.status !== 'open').sort((a, b) => b.id - a.id).slice(0, PAST_SHOWN);
    setText(byId('proposal-count'), proposals.length === 0 ? 'No proposals yet.' : `${open.length} open, ${proposals.length - open.length} closed${past.length < proposals.length - open.length ? ` (the latest ${past.length} shown)` : ''}.`);
    keyedList(
      list,
      [...open, ...past],
      (p) => String(p.id),
      (p) => `${p.status}:${p.tally.yes}:${p.tally.no}:${p.tally.abstain}:${p.tally.veto}:${p.tally.projected}:${p.status === 'open' ? `${ctx.height}` : ''}:${params?.params.quorum}`,
      renderProposal,
    );
    if (params !== undefined) {
      const q = params.params;
      setText(byId('dao-params'), `Quorum ${formatPermille(q.quorum)} of the total weight · passes above ${formatPermille(q.threshold)} yes of yes + no + veto · vetoed at ${formatPermille(q.veto)} veto of the turnout · deposit at least ${formatTokens(q.minDeposit, ctx.assets.REGIONAL.decimals, ctx.assets.REGIONAL.symbol)}. Weights are 2 × CU + SU of each farm.`);
    }
  };

  const renderPolicy = (p: PolicyView): HTMLElement => {
    const r = ctx.assets.REGIONAL;
    const amt = (v: string) => formatTokens(v, r.decimals, r.symbol);
    const history = policyHistory(p, [...full.values()]);
    const flags = [p.immutable ? 'immutable' : '', p.default ? 'default' : '', p.nodeCertification === 'certified' ? 'certified nodes only' : '', p.farmCertification === 'gold' ? 'gold farms only' : '', p.expired ? 'expired' : ''].filter((f) => f !== '');
    return h(
      'li',
      { 'data-testid': 'policy-row', 'data-policy-id': p.id, 'data-version': p.version, class: 'policy' },
      h('h4', {}, p.name, ' ', h('span', { class: 'muted' }, `#${p.id} · version ${p.version}`)),
      h(
        'p',
        {},
        `CU ${amt(p.cu)}, SU ${amt(p.su)} per unit and period; NU ${amt(p.nu)} per GB; IPv4 ${amt(p.ipv4)} per IP-hour · minimal uptime ${formatPermille(p.minimalUptime)} · ${p.policyEnd === 0 ? 'no end' : `until height ${groupDigits(String(p.policyEnd))}`}${flags.length === 0 ? '' : ` · ${flags.join(', ')}`}`,
      ),
      h('ol', { class: 'history', 'aria-label': `history of policy ${p.id}` }, ...history.map((e) => h('li', {}, `height ${groupDigits(String(e.height))}: ${e.text}`))),
    );
  };

  const renderPolicies = (): void => {
    if (!hasFarming) return;
    keyedList(byId('policy-list'), policies, (p) => String(p.id), (p) => `${p.version}:${p.expired}:${full.size}`, renderPolicy);
    if (period !== undefined) {
      const c = period.current;
      const left = timeLeft(c.endHeight, ctx.height, ctx.meanBlockMs);
      setText(
        byId('farming-period'),
        `Farming period ${c.period}: heights ${groupDigits(String(c.startHeight))} to ${groupDigits(String(c.endHeight))}, ${timeLeftText(left, false)}.${period.latest === null ? '' : ` Period ${period.latest.period} minted ${formatTokens(period.latest.minted, ctx.assets.REGIONAL.decimals, ctx.assets.REGIONAL.symbol)} to ${period.latest.nodesPaid} node${period.latest.nodesPaid === 1 ? '' : 's'}.`}`,
      );
    }
  };

  /** Closed proposals that touched a policy, read in full once (closed proposals never change). */
  const readHistory = async (): Promise<void> => {
    const wanted = proposals
      .filter((p) => p.status === 'passed' && p.actionKinds.some((k) => POLICY_ACTION_KINDS.includes(k)) && !full.has(p.id))
      .sort((a, b) => b.id - a.id)
      .slice(0, HISTORY_READS);
    const views = await mapLimited(wanted, 4, (p) => ctx.client.proposal(p.id));
    for (const v of views) if (v !== undefined) full.set(v.id, v);
  };

  const refresh = coalesced(async () => {
    lastRead = ctx.height;
    if (hasDao) {
      const [pv, list] = await Promise.all([ctx.client.daoParams(), ctx.client.proposals()]);
      params = pv;
      proposals = list.proposals;
      renderProposals();
    }
    if (hasFarming) {
      const [pol, rewards] = await Promise.all([ctx.client.policies(), ctx.client.rewards()]);
      policies = pol.policies;
      period = rewards;
      if (hasDao) await readHistory();
      renderPolicies();
    }
  });

  return {
    async start() {
      await refresh();
    },
    block(b: BlockMessage) {
      const closing = proposals.some((p) => p.status === 'open' && p.endHeight < b.height);
      const periodEnded = period !== undefined && period.current.endHeight < b.height;
      if (closing || periodEnded || b.height - lastRead >= REFRESH_BLOCKS) void refresh();
      else {
        renderProposals();
        renderPolicies();
      }
    },
    tx(t: TxMessage) {
      // A proposal or a vote (the tally moves); farming txs (uptime reports) change no policy.
      if (t.tx.module === 'dao') void refresh();
    },
    resync() {
      void refresh();
    },
  };
}
