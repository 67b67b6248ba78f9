/**
 * The region genesis section "hub": the Hub this region bridges TFT with, as a light client needs
 * it — the Hub's chain id and its validators in the Hub genesis order (commit signer indices refer
 * to that order; with the BLS keys the Hub header's validatorsHash can be recomputed).
 *
 *   "hub": { "chainId": "tfr-hub-1",
 *            "validators": [ { "publicKey": "hex32", "blsPublicKey": "hex48", "power": 1 } ] }
 *
 * Strict: 1..100 validators, valid ed25519 keys, 48-byte BLS keys, both unique, powers positive
 * with a total of at most 2^50 (the Hub genesis's own rules). A genesis with this section runs the
 * region's `bridge` module.
 */
import { toHex } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fieldPath, IssueList } from '../../genesis/genesis-issue.ts';
import { readChainId } from '../../genesis/parse-header.ts';
import { ed25519Key, MAX_TOTAL_POWER, MAX_VALIDATORS } from '../../genesis/parse-validators.ts';
import { UniqueCheck } from '../../genesis/unique-check.ts';
import { hexBytes, integerIn, ObjectReader, typeName, type Reader } from '../../genesis/value-readers.ts';
import type { HubConfig, HubValidator } from './hub-proof.ts';

export const HUB_SECTION = 'hub';
const VALIDATOR_FIELDS = ['publicKey', 'blsPublicKey', 'power'];

function readValidator(value: unknown, field: string, issues: IssueList): HubValidator | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const publicKey = r.required('publicKey', ed25519Key);
  const blsPublicKey = r.required('blsPublicKey', hexBytes(48));
  const power = r.required('power', integerIn(1, MAX_TOTAL_POWER));
  r.rejectUnknown(VALIDATOR_FIELDS);
  if (publicKey === undefined || blsPublicKey === undefined || power === undefined) return undefined;
  return { publicKey, blsPublicKey, power };
}

function readValidators(value: unknown, field: string, issues: IssueList): HubValidator[] | undefined {
  if (!Array.isArray(value)) {
    issues.add('GENESIS_INVALID_FIELD', field, `must be an array of the Hub's validators, got ${typeName(value)}`);
    return undefined;
  }
  const before = issues.count;
  if (value.length < 1 || value.length > MAX_VALIDATORS) issues.add('GENESIS_INVALID_FIELD', field, `must list 1 to ${MAX_VALIDATORS} validators, got ${value.length}`);
  const keys = new UniqueCheck('ed25519 public key', issues);
  const blsKeys = new UniqueCheck('BLS public key', issues);
  const out: HubValidator[] = [];
  let total = 0;
  value.forEach((item: unknown, i) => {
    const path = fieldPath(field, i);
    const raw = item as { publicKey?: unknown; blsPublicKey?: unknown } | null;
    const v = readValidator(item, path, issues);
    if (typeof raw?.publicKey === 'string') keys.check(raw.publicKey, fieldPath(path, 'publicKey'));
    if (typeof raw?.blsPublicKey === 'string') blsKeys.check(raw.blsPublicKey, fieldPath(path, 'blsPublicKey'));
    if (v !== undefined) {
      out.push(v);
      total += v.power;
    }
  });
  if (total > MAX_TOTAL_POWER) issues.add('GENESIS_INVALID_FIELD', field, `total voting power ${total} exceeds 2^50`);
  return issues.count === before ? out : undefined;
}

/** The SectionParser of "hub": strict, every defect with its exact field ("hub.validators[2].power"). */
export function parseHubSection(value: unknown, field: string): HubConfig {
  const issues = new IssueList();
  const r = ObjectReader.open(value, field, issues);
  let parsed: HubConfig | undefined;
  if (r !== undefined) {
    const chainId = r.required('chainId', readChainId);
    const validators = r.required('validators', readValidators);
    r.rejectUnknown(['chainId', 'validators']);
    if (chainId !== undefined && validators !== undefined) parsed = { chainId, validators };
  }
  const first = issues.items[0];
  if (first !== undefined) throw new ChainError(first.code, `${first.field}: ${first.message}`, { field: first.field, issues: issues.items });
  if (parsed === undefined) throw new ChainError('GENESIS_INVALID_FIELD', `${field}: invalid hub section`, { field });
  return parsed;
}

/** The parsed "hub" section of a region genesis, or undefined (then the region has no bridge). */
export function hubSectionOf(genesis: Genesis): HubConfig | undefined {
  return genesis.app[HUB_SECTION] as HubConfig | undefined;
}

/** The "hub" section of a Hub's genesis, for the regions that bridge with it. */
export function hubSectionFromHubGenesis(hub: Genesis): HubConfig {
  return { chainId: hub.chainId, validators: hub.validators.map((v) => ({ publicKey: v.publicKey, blsPublicKey: v.blsPublicKey, power: v.power })) };
}

/** The JSON of the "hub" section for a region genesis file, from the Hub's genesis. */
export function hubSectionJson(hub: Genesis): { chainId: string; validators: { publicKey: string; blsPublicKey: string; power: number }[] } {
  return { chainId: hub.chainId, validators: hub.validators.map((v) => ({ publicKey: toHex(v.publicKey), blsPublicKey: toHex(v.blsPublicKey), power: v.power })) };
}
