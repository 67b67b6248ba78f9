/**
 * Anchoring and the TFT bridge in the SDK (browser-safe): params and signed txs of
 *
 *   Hub    bridge.deposit   lock TFT on the Hub for a recipient on a region
 *   Hub    bridge.release   pay a region's withdrawal, proven against an anchored state root
 *   Hub    anchor.submit    a region's aggregate certificate (the relayer)
 *   Region bridge.withdraw  burn TFT on the region for a recipient on the Hub
 *   Region bridge.claim     mint a Hub deposit, proven by a Hub header, its commit and a Merkle proof
 *   Region bridge.receipt   record the Hub's receipt (its RegionRecord of this region), proven the same way
 *
 * and the functions that read the chain, sign, submit and wait. Params are encoded with the
 * contract's portable encoders (chain/anchor/anchor-params.ts) and checked with its strict decoders
 * before anything is signed. Proofs come from `client.stateProof(key, height)` (GET /proofs/state).
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { claimParams, depositParams, receiptParams, releaseParams, submitParams, withdrawParams, type HubProof, type ValidatorSetUpdate } from '../../chain/anchor/anchor-params.ts';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { decodeAggregate, type AggregateCertificate } from '../../chain/anchor/certificate.ts';
import { transferRecordCodec, type TransferRecord } from '../../chain/anchor/bridge-records.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { isValidChainId } from '../../chain/crypto/domain.ts';
import { ChainError } from '../../chain/errors.ts';
import type { StateProofView } from '../api/anchor-schemas.ts';
import type { TxView } from '../api/schemas.ts';
import { toBaseUnits, type AmountInput } from './amounts.ts';
import { addressBytes, buildTx, type BuiltTx, type SecretKeyInput, type TxInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';
import { submitCommand, type CommandTxOptions, type CommandTxResult } from './command-tx.ts';

export const ANCHOR_MODULE = 'anchor';
export const BRIDGE_MODULE = 'bridge';
export const ANCHOR_COMMANDS = { register: 'register', submit: 'submit' } as const;
export const BRIDGE_COMMANDS = { deposit: 'deposit', release: 'release', withdraw: 'withdraw', claim: 'claim', receipt: 'receipt' } as const;

export { anchorKeys, bridgeKeys, transferRecordCodec };
export type { AggregateCertificate, TransferRecord };

type Envelope = Omit<TxInput, 'module' | 'command' | 'params'>;

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

function hexBytes(s: string, field: string): Uint8Array {
  if (typeof s !== 'string' || !HEX.test(s)) throw new ChainError('TX_BAD_PARAMS', `${field}: not hex bytes`, { field });
  return hexToBytes(s.toLowerCase());
}

/** 20 address bytes: a bech32m address of any chain (the recipient lives on the other chain), or the bytes. */
function recipientBytes(to: string | Uint8Array, field: string): Uint8Array {
  if (to instanceof Uint8Array) {
    if (to.length !== 20) throw new ChainError('CRYPTO_BAD_ADDRESS', `${field}: an address is 20 bytes, got ${to.length}`, { field });
    return to;
  }
  return addressBytes(to);
}

function positiveAmount(v: AmountInput) {
  const amount = toBaseUnits(v, 'amount');
  if (amount.isZero()) throw new ChainError('BRIDGE_BAD_AMOUNT', 'a bridge amount must be above zero');
  return amount;
}

function chainIdOf(region: string, field: string): string {
  if (!isValidChainId(region)) throw new ChainError('TX_BAD_PARAMS', `${field}: not a chain id: ${JSON.stringify(region)}`, { field });
  return region;
}

/** The hubProof of a claim or a receipt from a GET /proofs/state answer of the Hub. */
export function hubProofOf(view: StateProofView): HubProof {
  return { header: hexBytes(view.header, 'header'), commit: hexBytes(view.commit, 'commit'), proof: hexBytes(view.proof, 'proof') };
}

/** The proven value of a GET /proofs/state answer; BRIDGE_UNKNOWN_TRANSFER (or the given code) when it proves absence. */
export function provenValue(view: StateProofView, what = 'the record'): Uint8Array {
  if (view.value === null) throw new ChainError('BRIDGE_UNKNOWN_TRANSFER', `the proof at height ${view.height} shows ${what} absent`, { height: view.height, key: view.key });
  return hexBytes(view.value, 'value');
}

export interface DepositInput {
  /** Chain id of the region the TFT goes to. */
  readonly region: string;
  /** The recipient on the region: its address (the region's prefix) or its 20 bytes. */
  readonly to: string | Uint8Array;
  /** TFT base units. */
  readonly amount: AmountInput;
}

export interface WithdrawInput {
  /** The recipient on the Hub: its address (the Hub's prefix) or its 20 bytes. */
  readonly to: string | Uint8Array;
  /** TFT base units. */
  readonly amount: AmountInput;
}

export interface ReleaseInput {
  readonly region: string;
  /** The anchored region height whose stateRoot the proof is against (a certificate above the withdrawal's block). */
  readonly anchoredHeight: number;
  /** The withdrawal's TransferRecord bytes and its Merkle proof against that root. */
  readonly record: Uint8Array;
  readonly proof: Uint8Array;
}

export function bridgeDepositParams(i: DepositInput): CborValue {
  const params = depositParams.encode({ region: chainIdOf(i.region, 'region'), recipient: recipientBytes(i.to, 'to'), amount: positiveAmount(i.amount) });
  depositParams.decode(params);
  return params;
}

export function bridgeWithdrawParams(i: WithdrawInput): CborValue {
  const params = withdrawParams.encode({ recipient: recipientBytes(i.to, 'to'), amount: positiveAmount(i.amount) });
  withdrawParams.decode(params);
  return params;
}

export function bridgeReleaseParams(i: ReleaseInput): CborValue {
  if (!Number.isSafeInteger(i.anchoredHeight) || i.anchoredHeight < 1) throw new ChainError('TX_BAD_PARAMS', `anchoredHeight must be a positive height, got ${String(i.anchoredHeight)}`);
  const params = releaseParams.encode({ region: chainIdOf(i.region, 'region'), anchoredHeight: i.anchoredHeight, record: i.record, proof: i.proof });
  releaseParams.decode(params);
  return params;
}

/** bridge.release from a region's GET /proofs/state answer at `anchoredHeight` (the header there carries the anchored root). */
export function releaseInputOf(region: string, proof: StateProofView): ReleaseInput {
  return { region, anchoredHeight: proof.height, record: provenValue(proof, 'the withdrawal'), proof: hexBytes(proof.proof, 'proof') };
}

/** bridge.claim from the Hub's GET /proofs/state answer for the deposit's key. */
export function bridgeClaimParams(proof: StateProofView): CborValue {
  const params = claimParams.encode({ record: provenValue(proof, 'the deposit'), hubProof: hubProofOf(proof) });
  claimParams.decode(params);
  return params;
}

/** bridge.receipt from the Hub's GET /proofs/state answer for anchorKeys.region(this region). */
export function bridgeReceiptParams(proof: StateProofView): CborValue {
  const params = receiptParams.encode({ record: provenValue(proof, 'the region record'), hubProof: hubProofOf(proof) });
  receiptParams.decode(params);
  return params;
}

/** anchor.submit of an aggregate (its bytes or hex, as GET /anchors gives them), with a validator-set update if the certificate moves to a new set. */
export function anchorSubmitParams(aggregate: AggregateCertificate | Uint8Array | string, update: ValidatorSetUpdate | null = null): CborValue {
  const a = typeof aggregate === 'string' ? decodeAggregate(hexBytes(aggregate, 'aggregate')) : aggregate instanceof Uint8Array ? decodeAggregate(aggregate) : aggregate;
  const params = submitParams.encode({ aggregate: a, update });
  submitParams.decode(params);
  return params;
}

const build = (i: Envelope, module: string, command: string, params: CborValue): BuiltTx =>
  buildTx({ chainId: i.chainId, secretKey: i.secretKey, nonce: i.nonce, fee: i.fee, expiry: i.expiry, module, command, params });

export const buildBridgeDeposit = (i: Envelope & DepositInput): BuiltTx => build(i, BRIDGE_MODULE, BRIDGE_COMMANDS.deposit, bridgeDepositParams(i));
export const buildBridgeWithdraw = (i: Envelope & WithdrawInput): BuiltTx => build(i, BRIDGE_MODULE, BRIDGE_COMMANDS.withdraw, bridgeWithdrawParams(i));
export const buildBridgeRelease = (i: Envelope & ReleaseInput): BuiltTx => build(i, BRIDGE_MODULE, BRIDGE_COMMANDS.release, bridgeReleaseParams(i));
export const buildBridgeClaim = (i: Envelope & { readonly proof: StateProofView }): BuiltTx => build(i, BRIDGE_MODULE, BRIDGE_COMMANDS.claim, bridgeClaimParams(i.proof));
export const buildBridgeReceipt = (i: Envelope & { readonly proof: StateProofView }): BuiltTx => build(i, BRIDGE_MODULE, BRIDGE_COMMANDS.receipt, bridgeReceiptParams(i.proof));
export const buildAnchorSubmit = (i: Envelope & { readonly aggregate: AggregateCertificate | Uint8Array | string; readonly update?: ValidatorSetUpdate | null }): BuiltTx =>
  build(i, ANCHOR_MODULE, ANCHOR_COMMANDS.submit, anchorSubmitParams(i.aggregate, i.update ?? null));

/** The transfer id a committed deposit or withdrawal announces: the 64-hex `id` of its first `bridge` event, else undefined. */
export function transferIdOf(view: TxView | null): string | undefined {
  for (const e of view?.events ?? []) {
    const id = e.module === BRIDGE_MODULE ? e.data['id'] : undefined;
    if (typeof id === 'string' && /^[0-9a-f]{64}$/.test(id)) return id;
  }
  return undefined;
}

export interface BridgeResult extends CommandTxResult {
  /** The transfer id (deposit, withdrawal) from the committed tx's bridge event; undefined when not waited for, failed, or not announced. */
  readonly transferId: string | undefined;
}

const withId = (r: CommandTxResult): BridgeResult => ({ ...r, transferId: transferIdOf(r.view) });

/** On the Hub: lock `amount` TFT for `to` on `region`. */
export async function bridgeDeposit(client: TfrClient, opts: CommandTxOptions & DepositInput & { readonly secretKey: SecretKeyInput }): Promise<BridgeResult> {
  return withId(await submitCommand(client, opts.secretKey, opts, BRIDGE_MODULE, BRIDGE_COMMANDS.deposit, () => bridgeDepositParams(opts)));
}

/** On a region: burn `amount` TFT for `to` on the Hub. */
export async function bridgeWithdraw(client: TfrClient, opts: CommandTxOptions & WithdrawInput & { readonly secretKey: SecretKeyInput }): Promise<BridgeResult> {
  return withId(await submitCommand(client, opts.secretKey, opts, BRIDGE_MODULE, BRIDGE_COMMANDS.withdraw, () => bridgeWithdrawParams(opts)));
}

/** On the Hub: release a region's withdrawal against an anchored root. */
export async function bridgeRelease(client: TfrClient, opts: CommandTxOptions & ReleaseInput & { readonly secretKey: SecretKeyInput }): Promise<CommandTxResult> {
  return submitCommand(client, opts.secretKey, opts, BRIDGE_MODULE, BRIDGE_COMMANDS.release, () => bridgeReleaseParams(opts));
}

/** On a region: claim a Hub deposit with the Hub's proof of it. */
export async function bridgeClaim(client: TfrClient, opts: CommandTxOptions & { readonly secretKey: SecretKeyInput; readonly proof: StateProofView }): Promise<CommandTxResult> {
  return submitCommand(client, opts.secretKey, opts, BRIDGE_MODULE, BRIDGE_COMMANDS.claim, () => bridgeClaimParams(opts.proof));
}

/** On a region: record the Hub's receipt with the Hub's proof of its RegionRecord. */
export async function bridgeReceipt(client: TfrClient, opts: CommandTxOptions & { readonly secretKey: SecretKeyInput; readonly proof: StateProofView }): Promise<CommandTxResult> {
  return submitCommand(client, opts.secretKey, opts, BRIDGE_MODULE, BRIDGE_COMMANDS.receipt, () => bridgeReceiptParams(opts.proof));
}

/** On the Hub: submit a region's aggregate certificate. */
export async function anchorSubmit(
  client: TfrClient,
  opts: CommandTxOptions & { readonly secretKey: SecretKeyInput; readonly aggregate: AggregateCertificate | Uint8Array | string; readonly update?: ValidatorSetUpdate | null },
): Promise<CommandTxResult> {
  return submitCommand(client, opts.secretKey, opts, ANCHOR_MODULE, ANCHOR_COMMANDS.submit, () => anchorSubmitParams(opts.aggregate, opts.update ?? null));
}

/** A TransferRecord from its hex bytes (GET /bridge/transfers/:id `transfer.record`, or a proof's value). */
export function decodeTransferRecord(hex: string): TransferRecord {
  return transferRecordCodec.decode(hexBytes(hex, 'record'));
}

/** Lowercase hex of a state key, for client.stateProof. */
export const keyHex = (key: Uint8Array): string => bytesToHex(key);
