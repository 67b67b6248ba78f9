/**
 * Text output of the DAO and farming commands: amounts in tokens with their symbol, shares as
 * percentages (permille / 10), vote weights in units of 2*CU + SU, sizes in GiB / TiB, and the tally
 * of a proposal as bars.
 */
import type { ActionJson, DaoParamsView, FarmView, LimitsJson, NodeView, PeriodRewardsView, PolicyJson, PolicyView, ProposalSummary, ProposalView, RewardsOverview } from '../api/dao-schemas.ts';
import type { Status } from '../api/schemas.ts';
import type { CommandTxResult } from '../client/command-tx.ts';
import { thousandths } from '../client/dao-json.ts';
import { amountText, eventText, lines, resultText, txStatusText } from './chain-format.ts';

type Rows = Array<[string, string]>;

/** Permille as a percentage: 334 -> "33.4%", 500 -> "50%". */
export function percentText(permille: number): string {
  const frac = permille % 10;
  return `${Math.floor(permille / 10)}${frac === 0 ? '' : `.${frac}`}%`;
}

/** A vote weight (milli-units) in units. */
export const weightText = (milli: number): string => thousandths(milli);

/** Bytes as exact GiB / TiB when they divide, else bytes. */
export function sizeText(bytes: number): string {
  const tib = 2 ** 40;
  const gib = 2 ** 30;
  if (bytes >= tib && bytes % tib === 0) return `${bytes / tib} TiB`;
  if (bytes >= gib && bytes % (gib / 4) === 0) return `${bytes / gib} GiB`;
  return `${bytes} bytes`;
}

/** Seconds for people: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
  return `${Math.floor(hours / 24)} d${hours % 24 === 0 ? '' : ` ${hours % 24} h`}`;
}

/** `[########............]` for num / den of `width` characters (floored). */
export function bar(num: number, den: number, width = 20): string {
  const filled = den <= 0 ? 0 : Math.min(width, Math.floor((num * width) / den));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** The committed (or submitted) signed command: tx, fee, status, result, events. */
export function commandTxText(r: CommandTxResult, s: Status): string {
  const rows: Rows = [
    ['tx', r.hash],
    ['fee', `${amountText(s, 'REGIONAL', r.fee.toString(10))} (nonce ${r.nonce}, expires after height ${r.expiry})`],
    ['status', r.view === null ? `submitted, not waited for: \`tfr tx ${r.hash}\` follows it` : txStatusText(r.view)],
  ];
  if (r.view?.code !== undefined) rows.push(['result', resultText(r.view.code)]);
  for (const e of r.view?.events ?? []) rows.push(['event', eventText(e, s)]);
  return lines(rows);
}

// ---------------------------------------------------------------- actions

function policyText(p: PolicyJson, s: Status): string {
  const reward = `cu ${amountText(s, 'REGIONAL', p.cu)}, su ${amountText(s, 'REGIONAL', p.su)} per unit and period; nu ${amountText(s, 'REGIONAL', p.nu)} per GB; ipv4 ${amountText(s, 'REGIONAL', p.ipv4)} per IP-hour`;
  const traits = [
    `minimal uptime ${percentText(p.minimalUptime)}`,
    p.policyEnd === 0 ? 'no end' : `until height ${p.policyEnd}`,
    ...(p.default ? [`default for ${p.nodeCertification} nodes of ${p.farmCertification} farms`] : []),
    ...(p.immutable ? ['immutable'] : []),
  ];
  return `"${p.name}": ${reward}; ${traits.join(', ')}`;
}

function limitsText(l: LimitsJson): string {
  const parts = [
    ...(l.cuMilli === null ? [] : [`CU ${weightText(l.cuMilli)}`]),
    ...(l.suMilli === null ? [] : [`SU ${weightText(l.suMilli)}`]),
    ...(l.nodeCount === null ? [] : [`${l.nodeCount} node${l.nodeCount === 1 ? '' : 's'}`]),
    ...(l.end === null ? [] : [`until height ${l.end}`]),
    ...(l.nodeCertification ? ['certified nodes only'] : []),
  ];
  return parts.length === 0 ? 'no limits' : `limits: ${parts.join(', ')}`;
}

export function actionText(a: ActionJson, s: Status): string {
  switch (a.kind) {
    case 'add-policy':
      return `add policy ${policyText(a.policy, s)}`;
    case 'update-policy':
      return `update policy ${a.policyId} to ${policyText(a.policy, s)}`;
    case 'attach-policy':
      return `attach policy ${a.policyId} to farm ${a.farmId} (${limitsText(a.limits)})`;
    case 'detach-policy':
      return `detach the policy of farm ${a.farmId}`;
    case 'set-farm-certification':
      return `certify farm ${a.farmId} ${a.certification}`;
    case 'set-node-certification':
      return `certify node ${a.nodeId} ${a.certification}`;
    case 'set-pool-fee':
      return `set the pool fee to ${a.feeBps} bps (${a.feeBps / 100}%)`;
    case 'set-dao-params': {
      const p = a.params;
      return `set the DAO parameters: minimum deposit ${amountText(s, 'REGIONAL', p.minDeposit)}, voting ${p.minVotingPeriod}..${p.maxVotingPeriod} blocks, quorum ${percentText(p.quorum)}, threshold ${percentText(p.threshold)}, veto ${percentText(p.veto)}`;
    }
    case 'treasury-spend':
      return `pay ${amountText(s, a.asset, a.amount)} from the treasury to ${a.to}`;
  }
}

// ---------------------------------------------------------------- proposals

function whenText(p: Pick<ProposalSummary, 'status' | 'endHeight' | 'blocksLeft'>, secondsLeft?: number | null): string {
  if (p.status !== 'open') return `ended at height ${p.endHeight}`;
  const about = secondsLeft === undefined || secondsLeft === null ? '' : `, about ${durationText(secondsLeft)}`;
  return `votes until height ${p.endHeight} (${p.blocksLeft} block${p.blocksLeft === 1 ? '' : 's'} left${about})`;
}

function statusText(p: ProposalSummary): string {
  if (p.status === 'failed') return `failed: action ${(p.failedAction ?? 0) + 1} ${p.failCode ?? ''}`.trimEnd();
  return p.status;
}

export function proposalLine(p: ProposalSummary): string {
  const t = p.tally;
  const tally = `turnout ${percentText(t.turnoutPermille)}, yes ${percentText(t.yesPermille)}, veto ${percentText(t.vetoPermille)}`;
  const outcome = t.projected === null ? '' : `, projected ${t.projected}`;
  return `#${p.id}  ${statusText(p)}  ${whenText(p)}  ${tally}${outcome}  "${p.title}"\n`;
}

export function proposalText(p: ProposalView, d: DaoParamsView, s: Status): string {
  const t = p.tally;
  const rows: Rows = [
    ['proposal', `#${p.id} "${p.title}"`],
    ['status', `${statusText(p)}; ${whenText(p, p.secondsLeft)}`],
    ['proposer', p.proposer],
    ['deposit', amountText(s, 'REGIONAL', p.deposit)],
    ['created', `height ${p.createdHeight}`],
  ];
  if (p.description !== '') rows.push(['description', p.description]);
  if (p.actions.length === 0) rows.push(['actions', 'none (a text proposal)']);
  p.actions.forEach((a, i) => rows.push([`action ${i + 1}`, actionText(a, s)]));
  for (const choice of ['yes', 'no', 'abstain', 'veto'] as const) {
    const w = t[choice];
    const share = t.turnout === 0 ? 0 : Math.floor((w * 1000) / t.turnout);
    rows.push([choice, `${bar(w, t.turnout)} ${percentText(share).padStart(6)}  weight ${weightText(w)}`]);
  }
  const quorum = d.params.quorum;
  rows.push(
    ['turnout', `${weightText(t.turnout)} of ${weightText(t.totalWeight)} (${percentText(t.turnoutPermille)}, ${p.voters} farm${p.voters === 1 ? '' : 's'}); quorum ${percentText(quorum)}: ${t.quorumReached ? 'reached' : 'not reached'}`],
    ['yes share', `${percentText(t.yesPermille)} of yes + no + veto (passes above ${percentText(d.params.threshold)})`],
    ['veto share', `${percentText(t.vetoPermille)} of the turnout (vetoed at ${percentText(d.params.veto)})`],
  );
  if (t.projected !== null) rows.push(['projected', `${t.projected} (if it closed now)`]);
  if (p.farmVote !== undefined) rows.push(['farm vote', p.farmVote === null ? 'this farm has not voted' : `farm ${p.farmVote.farmId}: ${p.farmVote.choice} (weight ${weightText(p.farmVote.weight)})`]);
  return lines(rows);
}

// ---------------------------------------------------------------- farming

export function farmText(f: FarmView): string {
  return lines([
    ['farm', `${f.id} "${f.name}"`],
    ['owner', f.owner],
    ['payout', f.payout],
    ['certification', f.certification],
    ['nodes', f.nodeIds.length === 0 ? 'none' : f.nodeIds.join(', ')],
    ['vote weight', `${f.weight} (2*CU + SU of its nodes)`],
    ['policy', f.attachment === null ? 'none attached (default policies apply)' : `${f.attachment.policyId} attached (${limitsText(f.attachment.limits)})`],
  ]);
}

export function nodeText(n: NodeView): string {
  const r = n.resources;
  const u = n.uptime;
  const report = u.lastReport === null ? 'no report yet' : `last report ${u.lastReport}, up ${durationText(u.lastUptime)}`;
  return lines([
    ['node', `${n.id} (farm ${n.farmId})`],
    ['node key', n.nodeKey],
    ['account', `${n.account} (signs and pays for the node's reports)`],
    ['certification', n.certification],
    ['resources', `${r.cru} cores, ${sizeText(r.mru)} memory, ${sizeText(r.sru)} SSD, ${sizeText(r.hru)} HDD, ${n.publicIps} public IP${n.publicIps === 1 ? '' : 's'}`],
    ['units', `CU ${n.units.cu}, SU ${n.units.su}`],
    ['uptime', `${durationText(u.creditedSeconds)} credited in period ${u.period}, ${u.nuBytes} bytes of public traffic; ${report}`],
    ['paid by', n.policyNow === null ? 'no policy (if the period ended now)' : `policy ${n.policyNow} (if the period ended now)`],
  ]);
}

export function policyLine(p: PolicyView, s: Status): string {
  const flags = [...(p.expired ? ['EXPIRED'] : [])];
  return `#${p.id} v${p.version}  ${policyText(p, s)}${flags.length === 0 ? '' : `  ${flags.join(' ')}`}\n`;
}

export function rewardsOverviewText(r: RewardsOverview, s: Status): string {
  const c = r.current;
  const about = c.secondsLeft === null ? '' : `, about ${durationText(c.secondsLeft)}`;
  const rows: Rows = [['period', `${c.period} (open): heights ${c.startHeight}..${c.endHeight}, ${c.blocksLeft} blocks left${about}`]];
  const l = r.latest;
  rows.push([
    'latest closed',
    l === null
      ? 'none yet'
      : `period ${l.period}, ended at height ${l.endHeight} (${l.endTime}): minted ${amountText(s, 'REGIONAL', l.minted)} to ${l.nodesPaid} node${l.nodesPaid === 1 ? '' : 's'} (${l.nodesBelowUptime} below the minimal uptime)`,
  ]);
  return lines(rows);
}

export function periodRewardsText(r: PeriodRewardsView, s: Status): string {
  const rows: Rows = [
    ['period', `${r.period}: ${r.startTime} .. ${r.endTime}, closed at height ${r.endHeight}`],
    ['minted', amountText(s, 'REGIONAL', r.minted)],
    ['nodes paid', `${r.nodesPaid} (${r.nodesBelowUptime} below the minimal uptime)`],
  ];
  for (const f of r.farms) {
    rows.push([`farm ${f.farmId}`, `${amountText(s, 'REGIONAL', f.amount)} to ${f.payout}`]);
    for (const n of f.nodes) rows.push([`  node ${n.nodeId}`, `${amountText(s, 'REGIONAL', n.amount)} (${n.policyId === null ? 'no policy' : `policy ${n.policyId}`}, uptime ${percentText(n.uptimePermille)})`]);
  }
  return lines(rows);
}
