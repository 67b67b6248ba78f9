/**
 * The params of the farming commands (CBOR arrays) with their encoders for the SDK and their strict
 * stateless decoders. Portable: no node:* import (the browser SDK uses the encoders).
 *
 *   create-farm      [name, payout | null]                       sender = owner (payout null: the owner)
 *   set-farm-payout  [farmId, payout]                            sender = owner
 *   add-node         [farmId, nodeKey, cru, mru, sru, hru, publicIps, nodeSignature]   sender = farm owner
 *   update-node      [nodeId, cru, mru, sru, hru, publicIps]     sender = the node key
 *   report-uptime    [nodeId, uptimeSeconds, nuBytes]            sender = the node key
 *
 * `nodeSignature` is the node key's ed25519 signature over `nodeRegistrationBytes(chainId, farmId,
 * owner)`: a farmer cannot register a node key it does not hold. Bytes sizes are in bytes (GiB =
 * 2^30). Stateless defects fail here (the tx is invalid, TX_BAD_PARAMS with the DAO_/CODEC_ reason).
 */
import { readArray, readBytes, readString, readUint } from '../../chain/codec/read.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { signingBytes } from '../../chain/crypto/domain.ts';
import { ChainError } from '../../chain/errors.ts';
import type { NodeResources } from './farming-types.ts';

export const FARMING_COMMANDS = {
  createFarm: 'create-farm',
  setFarmPayout: 'set-farm-payout',
  addNode: 'add-node',
  updateNode: 'update-node',
  reportUptime: 'report-uptime',
} as const;

export const MAX_FARM_NAME = 40;
export const MAX_CORES = 4096;
/** 1 PiB: far above any single node, far below 2^53. */
export const MAX_RESOURCE_BYTES = 2 ** 50;
export const MAX_PUBLIC_IPS = 256;
/** 100 years of seconds. */
export const MAX_UPTIME_SECONDS = 100 * 366 * 24 * 3600;
const NAME_RE = /^[A-Za-z0-9_.-]+$/;

export interface CreateFarmParams {
  readonly name: string;
  readonly payout: Uint8Array | null;
}
export interface SetFarmPayoutParams {
  readonly farmId: number;
  readonly payout: Uint8Array;
}
export interface AddNodeParams {
  readonly farmId: number;
  readonly nodeKey: Uint8Array;
  readonly resources: NodeResources;
  readonly publicIps: number;
  readonly nodeSignature: Uint8Array;
}
export interface UpdateNodeParams {
  readonly nodeId: number;
  readonly resources: NodeResources;
  readonly publicIps: number;
}
export interface ReportUptimeParams {
  readonly nodeId: number;
  /** Seconds since the node booted, as the node measures it. */
  readonly uptimeSeconds: number;
  /** Public traffic since the previous report, bytes. */
  readonly nuBytes: number;
}

/** What the node key signs to consent to joining `farmId` of `owner` (20-byte address). */
export function nodeRegistrationBytes(chainId: string, farmId: number, owner: Uint8Array): Uint8Array {
  const payload = new Uint8Array(4 + owner.length);
  new DataView(payload.buffer).setUint32(0, farmId);
  payload.set(owner, 4);
  return signingBytes('node-registration', chainId, payload);
}

export function encodeCreateFarm(p: CreateFarmParams): CborValue {
  return [p.name, p.payout];
}
export function encodeSetFarmPayout(p: SetFarmPayoutParams): CborValue {
  return [p.farmId, p.payout];
}
export function encodeAddNode(p: AddNodeParams): CborValue {
  const r = p.resources;
  return [p.farmId, p.nodeKey, r.cru, r.mru, r.sru, r.hru, p.publicIps, p.nodeSignature];
}
export function encodeUpdateNode(p: UpdateNodeParams): CborValue {
  const r = p.resources;
  return [p.nodeId, r.cru, r.mru, r.sru, r.hru, p.publicIps];
}
export function encodeReportUptime(p: ReportUptimeParams): CborValue {
  return [p.nodeId, p.uptimeSeconds, p.nuBytes];
}

/** A farm name: 1..40 of A-Z a-z 0-9 _ - . (DAO_BAD_NAME). */
export function checkFarmName(name: string, path: string): string {
  if (name.length < 1 || name.length > MAX_FARM_NAME || !NAME_RE.test(name)) {
    throw new ChainError('DAO_BAD_NAME', `${path}: 1..${MAX_FARM_NAME} characters of A-Z a-z 0-9 _ - .`, { field: path });
  }
  return name;
}

function readId(v: CborValue | undefined, path: string): number {
  const id = readUint(v, path, 0xffff_ffff);
  if (id === 0) throw new ChainError('CODEC_WRONG_TYPE', `${path}: ids start at 1`, { field: path });
  return id;
}

function bounded(v: CborValue | undefined, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new ChainError('DAO_BAD_RESOURCES', `${path}: an integer in [${min}, ${max}]`, { field: path });
  }
  return v;
}

/** Checks reported resources (DAO_BAD_RESOURCES): cores 1..4096, bytes 0..2^50, IPs 0..256. */
export function readResources(a: readonly CborValue[], at: number, path: string): { resources: NodeResources; publicIps: number } {
  return {
    resources: {
      cru: bounded(a[at], `${path}.cru`, 1, MAX_CORES),
      mru: bounded(a[at + 1], `${path}.mru`, 0, MAX_RESOURCE_BYTES),
      sru: bounded(a[at + 2], `${path}.sru`, 0, MAX_RESOURCE_BYTES),
      hru: bounded(a[at + 3], `${path}.hru`, 0, MAX_RESOURCE_BYTES),
    },
    publicIps: bounded(a[at + 4], `${path}.publicIps`, 0, MAX_PUBLIC_IPS),
  };
}

export function decodeCreateFarm(v: CborValue): CreateFarmParams {
  const a = readArray(v, 'params', 2);
  return {
    name: checkFarmName(readString(a[0], 'params.name', MAX_FARM_NAME), 'params.name'),
    payout: a[1] === null ? null : readBytes(a[1], 'params.payout', 20),
  };
}

export function decodeSetFarmPayout(v: CborValue): SetFarmPayoutParams {
  const a = readArray(v, 'params', 2);
  return { farmId: readId(a[0], 'params.farmId'), payout: readBytes(a[1], 'params.payout', 20) };
}

export function decodeAddNode(v: CborValue): AddNodeParams {
  const a = readArray(v, 'params', 8);
  const { resources, publicIps } = readResources(a, 2, 'params');
  return {
    farmId: readId(a[0], 'params.farmId'),
    nodeKey: readBytes(a[1], 'params.nodeKey', 32),
    resources,
    publicIps,
    nodeSignature: readBytes(a[7], 'params.nodeSignature', 64),
  };
}

export function decodeUpdateNode(v: CborValue): UpdateNodeParams {
  const a = readArray(v, 'params', 6);
  const { resources, publicIps } = readResources(a, 1, 'params');
  return { nodeId: readId(a[0], 'params.nodeId'), resources, publicIps };
}

export function decodeReportUptime(v: CborValue): ReportUptimeParams {
  const a = readArray(v, 'params', 3);
  const nodeId = readId(a[0], 'params.nodeId');
  const uptime = a[1];
  const nu = a[2];
  if (typeof uptime !== 'number' || !Number.isSafeInteger(uptime) || uptime < 0 || uptime > MAX_UPTIME_SECONDS) {
    throw new ChainError('DAO_BAD_UPTIME', `params.uptimeSeconds: an integer in [0, ${MAX_UPTIME_SECONDS}]`, { field: 'params.uptimeSeconds' });
  }
  if (typeof nu !== 'number' || !Number.isSafeInteger(nu) || nu < 0) {
    throw new ChainError('DAO_BAD_UPTIME', 'params.nuBytes: an integer in [0, 2^53 - 1]', { field: 'params.nuBytes' });
  }
  return { nodeId, uptimeSeconds: uptime, nuBytes: nu };
}
