/**
 * The DAO in the SDK (browser-safe): params and signed txs of `dao/propose` and `dao/vote`, and
 * `propose(client, ...)` / `vote(client, ...)`, which read the chain, sign, submit and wait.
 *
 * Params are encoded with the governance module's own portable encoders
 * (dao/governance/dao-params.ts) and then decoded with its strict decoder, so what the SDK signs
 * is what the chain decodes: a malformed proposal fails here (DAO_BAD_PROPOSAL, DAO_BAD_NAME,
 * DAO_BAD_POLICY, DAO_BAD_VOTE, ...) before anything is sent.
 */
import type { CborValue } from '../../chain/codec/cbor.ts';
import { ChainError } from '../../chain/errors.ts';
import { decodePropose, decodeVote, DAO_COMMANDS, encodePropose, encodeVote } from '../../dao/governance/dao-params.ts';
import { DAO_MODULE, VOTE_CHOICES, type ProposalAction, type VoteChoice } from '../../dao/governance/dao-types.ts';
import { toBaseUnits, type AmountInput } from './amounts.ts';
import { buildTx, type BuiltTx, type SecretKeyInput, type TxInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';
import { eventInteger, positiveId, submitCommand, type CommandTxOptions, type CommandTxResult } from './command-tx.ts';
import { toAction, type ActionJsonInput } from './dao-json.ts';

export { DAO_MODULE, VOTE_CHOICES };
export type { VoteChoice };

type Envelope = Omit<TxInput, 'module' | 'command' | 'params'>;

export interface ProposeInput {
  /** 1..128 characters, not blank. */
  readonly title: string;
  /** Text or a link, at most 4096 characters (default ""). */
  readonly description?: string;
  /** Blocks from the creation height to the end height (within the DAO's minimum and maximum). */
  readonly votingPeriod: number;
  /** Regional base units locked (at least the DAO's minDeposit); refunded unless vetoed. */
  readonly deposit: AmountInput;
  /** Typed actions or their JSON form (rpc/client/dao-json.ts); none: a text proposal. At most 16. */
  readonly actions?: ReadonlyArray<ProposalAction | ActionJsonInput>;
}

export interface VoteInput {
  readonly proposalId: number;
  /** The farm voting (the signer must own it). */
  readonly farmId: number;
  readonly choice: VoteChoice;
}

/** The params of dao/propose; `addressPrefix` checks the recipients of JSON treasury-spend actions. */
export function proposeParams(p: ProposeInput, addressPrefix?: string): CborValue {
  if (!Number.isSafeInteger(p.votingPeriod) || p.votingPeriod < 0) throw new ChainError('DAO_VOTING_PERIOD', `votingPeriod must be a number of blocks, got ${String(p.votingPeriod)}`);
  const params = encodePropose({
    title: p.title,
    description: p.description ?? '',
    votingPeriod: p.votingPeriod,
    deposit: toBaseUnits(p.deposit, 'deposit'),
    actions: (p.actions ?? []).map((a, i) => toAction(a, addressPrefix, `actions[${i}]`)),
  });
  decodePropose(params);
  return params;
}

export function voteParams(v: VoteInput): CborValue {
  if (!(VOTE_CHOICES as readonly string[]).includes(v.choice)) throw new ChainError('DAO_BAD_VOTE', `choice must be one of ${VOTE_CHOICES.join(', ')}, got ${JSON.stringify(v.choice)}`);
  const params = encodeVote({ proposalId: positiveId(v.proposalId, 'proposalId'), farmId: positiveId(v.farmId, 'farmId'), choice: v.choice });
  decodeVote(params);
  return params;
}

function envelope(i: Envelope): Envelope {
  return { chainId: i.chainId, secretKey: i.secretKey, nonce: i.nonce, fee: i.fee, expiry: i.expiry };
}

export const buildPropose = (i: Envelope & ProposeInput & { readonly addressPrefix?: string }): BuiltTx =>
  buildTx({ ...envelope(i), module: DAO_MODULE, command: DAO_COMMANDS.propose, params: proposeParams(i, i.addressPrefix) });
export const buildVote = (i: Envelope & VoteInput): BuiltTx => buildTx({ ...envelope(i), module: DAO_MODULE, command: DAO_COMMANDS.vote, params: voteParams(i) });

export interface ProposeResult extends CommandTxResult {
  /** From the committed tx's `dao/proposed` event; undefined when not waited for or the tx failed. */
  readonly proposalId: number | undefined;
  /** The last height that takes votes (the event's, else the commit height plus the voting period). */
  readonly endHeight: number | undefined;
}

/** Submits a proposal signed by `secretKey` (the proposer, who locks the deposit) and by default waits for it. */
export async function propose(client: TfrClient, opts: CommandTxOptions & ProposeInput & { readonly secretKey: SecretKeyInput }): Promise<ProposeResult> {
  const r = await submitCommand(client, opts.secretKey, opts, DAO_MODULE, DAO_COMMANDS.propose, ({ status }) => proposeParams(opts, status.addressPrefix));
  const ok = r.view !== null && r.view.code === 'OK';
  const proposalId = ok ? eventInteger(r.view, DAO_MODULE, 'proposed', 'id') : undefined;
  const endHeight = !ok ? undefined : (eventInteger(r.view, DAO_MODULE, 'proposed', 'endHeight') ?? (r.view?.height === undefined ? undefined : r.view.height + opts.votingPeriod));
  return { ...r, proposalId, endHeight };
}

/** Votes for `farmId` (the signer must own the farm); a later vote of the farm replaces the earlier one. */
export async function vote(client: TfrClient, opts: CommandTxOptions & VoteInput & { readonly secretKey: SecretKeyInput }): Promise<CommandTxResult> {
  const params = voteParams(opts);
  return submitCommand(client, opts.secretKey, opts, DAO_MODULE, DAO_COMMANDS.vote, () => params);
}
