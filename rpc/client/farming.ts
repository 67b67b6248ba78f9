/**
 * The farming registry in the SDK (browser-safe): params and signed txs of the `farming` commands
 * and the functions that read the chain, sign, submit and wait:
 *
 *   createFarm, setFarmPayout   signed by the farm owner
 *   addNode                     signed by the farm owner; the node key signs its consent
 *                               (nodeRegistrationBytes(chainId, farmId, owner)), so it needs the
 *                               node's secret key too
 *   updateNode, reportUptime    signed by the node key (the node's own account pays the fee)
 *
 * Params are encoded with the farming module's portable encoders (dao/farming/farming-params.ts)
 * and checked with its strict decoders before anything is signed.
 */
import type { CborValue } from '../../chain/codec/cbor.ts';
import { addressBytesFromPublicKey, addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey, signEd25519 } from '../../chain/crypto/ed25519-sign.ts';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ChainError } from '../../chain/errors.ts';
import {
  decodeAddNode,
  decodeCreateFarm,
  decodeReportUptime,
  decodeSetFarmPayout,
  decodeUpdateNode,
  encodeAddNode,
  encodeCreateFarm,
  encodeReportUptime,
  encodeSetFarmPayout,
  encodeUpdateNode,
  FARMING_COMMANDS,
  nodeRegistrationBytes,
} from '../../dao/farming/farming-params.ts';
import { FARMING_MODULE, type NodeResources } from '../../dao/farming/farming-types.ts';
import { addressBytes, buildTx, secretKeyBytes, type BuiltTx, type SecretKeyInput, type TxInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';
import { eventInteger, positiveId, submitCommand, type CommandTxOptions, type CommandTxResult } from './command-tx.ts';

export { FARMING_COMMANDS, FARMING_MODULE, nodeRegistrationBytes };
export type { NodeResources };

type Envelope = Omit<TxInput, 'module' | 'command' | 'params'>;

/** A node key: its 32-byte secret (or 64 hex characters), or a key pair `{ secret, publicKey }`. */
export type NodeKeyInput = SecretKeyInput | { readonly secret: Uint8Array; readonly publicKey?: Uint8Array };

export function nodeSecretBytes(k: NodeKeyInput): Uint8Array {
  if (typeof k === 'string' || k instanceof Uint8Array) return secretKeyBytes(k);
  const secret = secretKeyBytes(k.secret);
  if (k.publicKey !== undefined && bytesToHex(ed25519PublicKey(secret)) !== bytesToHex(k.publicKey)) throw new ChainError('CRYPTO_BAD_KEY', 'the node key pair: publicKey does not belong to secret');
  return secret;
}

export interface CreateFarmInput {
  /** 1..40 of A-Z a-z 0-9 _ - . ; unique on the chain. */
  readonly name: string;
  /** bech32m address rewards go to (default: the owner). */
  readonly payout?: string;
}
export interface SetFarmPayoutInput {
  readonly farmId: number;
  readonly payout: string;
}
export interface NodeCapacityInput {
  /** cru (cores), mru, sru, hru (bytes). */
  readonly resources: NodeResources;
  /** Public IPv4 addresses (default 0). */
  readonly publicIps?: number;
}
export interface AddNodeInput extends NodeCapacityInput {
  readonly farmId: number;
  /** The node's key (its secret: it signs the registration). */
  readonly nodeKey: NodeKeyInput;
}
export interface UpdateNodeInput extends NodeCapacityInput {
  readonly nodeId: number;
}
export interface ReportUptimeInput {
  readonly nodeId: number;
  /** Seconds since the node booted. */
  readonly uptimeSeconds: number;
  /** Public traffic since the previous report, bytes (default 0). */
  readonly nuBytes?: number;
}

export function createFarmParams(p: CreateFarmInput, addressPrefix?: string): CborValue {
  const params = encodeCreateFarm({ name: p.name, payout: p.payout === undefined ? null : addressBytes(p.payout, addressPrefix) });
  decodeCreateFarm(params);
  return params;
}

export function setFarmPayoutParams(p: SetFarmPayoutInput, addressPrefix?: string): CborValue {
  const params = encodeSetFarmPayout({ farmId: positiveId(p.farmId, 'farmId'), payout: addressBytes(p.payout, addressPrefix) });
  decodeSetFarmPayout(params);
  return params;
}

/**
 * The params of farming/add-node: the node key signs `nodeRegistrationBytes(chainId, farmId,
 * owner)`, where `owner` is the 20-byte address of the tx signer (the farm owner).
 */
export function addNodeParams(p: AddNodeInput, chainId: string, ownerAddress: Uint8Array): CborValue {
  const nodeSecret = nodeSecretBytes(p.nodeKey);
  const farmId = positiveId(p.farmId, 'farmId');
  const nodeSignature = signEd25519(nodeSecret, nodeRegistrationBytes(chainId, farmId, ownerAddress));
  const params = encodeAddNode({ farmId, nodeKey: ed25519PublicKey(nodeSecret), resources: p.resources, publicIps: p.publicIps ?? 0, nodeSignature });
  decodeAddNode(params);
  return params;
}

export function updateNodeParams(p: UpdateNodeInput): CborValue {
  const params = encodeUpdateNode({ nodeId: positiveId(p.nodeId, 'nodeId'), resources: p.resources, publicIps: p.publicIps ?? 0 });
  decodeUpdateNode(params);
  return params;
}

export function reportUptimeParams(p: ReportUptimeInput): CborValue {
  const params = encodeReportUptime({ nodeId: positiveId(p.nodeId, 'nodeId'), uptimeSeconds: p.uptimeSeconds, nuBytes: p.nuBytes ?? 0 });
  decodeReportUptime(params);
  return params;
}

function envelope(i: Envelope): Envelope {
  return { chainId: i.chainId, secretKey: i.secretKey, nonce: i.nonce, fee: i.fee, expiry: i.expiry };
}
const farmingTx = (i: Envelope, command: string, params: CborValue): BuiltTx => buildTx({ ...envelope(i), module: FARMING_MODULE, command, params });

export const buildCreateFarm = (i: Envelope & CreateFarmInput & { readonly addressPrefix?: string }): BuiltTx => farmingTx(i, FARMING_COMMANDS.createFarm, createFarmParams(i, i.addressPrefix));
export const buildSetFarmPayout = (i: Envelope & SetFarmPayoutInput & { readonly addressPrefix?: string }): BuiltTx =>
  farmingTx(i, FARMING_COMMANDS.setFarmPayout, setFarmPayoutParams(i, i.addressPrefix));
/** `secretKey` is the farm owner's; the node key signs the registration inside the params. */
export const buildAddNode = (i: Envelope & AddNodeInput): BuiltTx =>
  farmingTx(i, FARMING_COMMANDS.addNode, addNodeParams(i, i.chainId, addressBytesFromPublicKey(ed25519PublicKey(secretKeyBytes(i.secretKey)))));
/** `secretKey` is the node key's. */
export const buildUpdateNode = (i: Envelope & UpdateNodeInput): BuiltTx => farmingTx(i, FARMING_COMMANDS.updateNode, updateNodeParams(i));
/** `secretKey` is the node key's. */
export const buildReportUptime = (i: Envelope & ReportUptimeInput): BuiltTx => farmingTx(i, FARMING_COMMANDS.reportUptime, reportUptimeParams(i));

type Signed = CommandTxOptions & { readonly secretKey: SecretKeyInput };
type NodeSigned = CommandTxOptions & { readonly nodeKey: NodeKeyInput };

export interface CreateFarmResult extends CommandTxResult {
  /** From the `farming/farm-created` event; undefined when not waited for or the tx failed. */
  readonly farmId: number | undefined;
}

export interface AddNodeResult extends CommandTxResult {
  /** From the `farming/node-added` event; undefined when not waited for or the tx failed. */
  readonly nodeId: number | undefined;
  /** The node key (hex) and the node's account: it signs the node's own txs and pays their fees. */
  readonly nodeKey: string;
  readonly nodeAccount: string;
}

const committedOk = (r: CommandTxResult): boolean => r.view !== null && r.view.code === 'OK';

/** Creates a farm owned by the signer. */
export async function createFarm(client: TfrClient, opts: Signed & CreateFarmInput): Promise<CreateFarmResult> {
  const r = await submitCommand(client, opts.secretKey, opts, FARMING_MODULE, FARMING_COMMANDS.createFarm, ({ status }) => createFarmParams(opts, status.addressPrefix));
  return { ...r, farmId: committedOk(r) ? eventInteger(r.view, FARMING_MODULE, 'farm-created', 'farmId') : undefined };
}

/** Sets where the farm's rewards go (signed by the owner). */
export async function setFarmPayout(client: TfrClient, opts: Signed & SetFarmPayoutInput): Promise<CommandTxResult> {
  return submitCommand(client, opts.secretKey, opts, FARMING_MODULE, FARMING_COMMANDS.setFarmPayout, ({ status }) => setFarmPayoutParams(opts, status.addressPrefix));
}

/** Registers a node in the signer's farm; the node key signs its consent. */
export async function addNode(client: TfrClient, opts: Signed & AddNodeInput): Promise<AddNodeResult> {
  const nodePublic = ed25519PublicKey(nodeSecretBytes(opts.nodeKey));
  let prefix = '';
  const r = await submitCommand(client, opts.secretKey, opts, FARMING_MODULE, FARMING_COMMANDS.addNode, ({ status, signer }) => {
    prefix = status.addressPrefix;
    return addNodeParams(opts, status.chainId, signer.address);
  });
  return {
    ...r,
    nodeId: committedOk(r) ? eventInteger(r.view, FARMING_MODULE, 'node-added', 'nodeId') : undefined,
    nodeKey: bytesToHex(nodePublic),
    nodeAccount: addressFromPublicKey(prefix, nodePublic),
  };
}

/** Reports new capacity for a node, signed by its node key. */
export async function updateNode(client: TfrClient, opts: NodeSigned & UpdateNodeInput): Promise<CommandTxResult> {
  const params = updateNodeParams(opts);
  return submitCommand(client, nodeSecretBytes(opts.nodeKey), opts, FARMING_MODULE, FARMING_COMMANDS.updateNode, () => params);
}

/** Reports a node's uptime (and public traffic), signed by its node key. */
export async function reportUptime(client: TfrClient, opts: NodeSigned & ReportUptimeInput): Promise<CommandTxResult> {
  const params = reportUptimeParams(opts);
  return submitCommand(client, nodeSecretBytes(opts.nodeKey), opts, FARMING_MODULE, FARMING_COMMANDS.reportUptime, () => params);
}
