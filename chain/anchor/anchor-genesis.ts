/**
 * The Hub's genesis section "anchor": who may register regions, and the regions registered from
 * the start (a genesis with this section is a Hub: chain/node/region-modules.ts).
 *
 *   "anchor": {
 *     "registrar": "hub1...",
 *     "regions": [
 *       { "chainId": "tfr-testnet-1", "threshold": 67,
 *         "validators": [ { "blsPublicKey": "hex48", "blsPop": "hex96", "weight": 1 } ] }
 *     ]
 *   }
 *
 * `registrar` is a bech32m address (the Hub's prefix is checked when the genesis is applied:
 * GENESIS_INVALID_ADDRESS); `regions` is optional (default none). Per region: a chain id (1..64
 * printable ASCII, unique, not the Hub's own), 1..1000 validators with a valid BLS key (unique in
 * the region), its proof of possession (GENESIS_BAD_POP when it does not verify, as for the
 * chain's own validators) and a positive integer weight; the parser sorts them ascending by key
 * (the certificate set's order, anchor-set.ts), so the file may list them in any order; a
 * threshold in [floor(W/3) + 1, W]. Every defect is reported at its field
 * ("anchor.regions[0].validators[3].blsPop"), unknown fields as GENESIS_UNKNOWN_FIELD.
 */
import { ChainError } from '../errors.ts';
import { toHex } from '../codec/bytes.ts';
import { decodeAddress } from '../crypto/addresses.ts';
import { isValidChainId } from '../crypto/domain.ts';
import type { GenesisContext } from '../execution/module.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fieldPath, IssueList } from '../../genesis/genesis-issue.ts';
import { isBlsPublicKey } from '../../genesis/key-checks.ts';
import { UniqueCheck } from '../../genesis/unique-check.ts';
import { bech32Address, hexBytes, integerIn, ObjectReader, typeName, type Reader } from '../../genesis/value-readers.ts';
import { checkedAnchorSet, MAX_ANCHOR_VALIDATORS, type AnchorSet } from './anchor-set.ts';
import { addRegion, putAnchorConfig } from './hub-anchor-state.ts';
import { sortByBlsKey } from './verify-certificate.ts';
import { blsVerifyPossessionCached } from '../crypto/bls.ts';

export const ANCHOR_SECTION = 'anchor';

export interface AnchorGenesisRegion {
  readonly chainId: string;
  /** The checked certificate set: validators ascending by key, threshold, hash. */
  readonly set: AnchorSet;
}

export interface AnchorGenesis {
  readonly registrar: string;
  readonly regions: readonly AnchorGenesisRegion[];
}

const chainIdReader: Reader<string> = (value, field, issues) => {
  if (typeof value !== 'string' || !isValidChainId(value)) {
    issues.add('GENESIS_INVALID_FIELD', field, `must be a chain id (1..64 printable ASCII characters), got ${typeName(value)}`);
    return undefined;
  }
  return value;
};

interface ParsedValidator {
  readonly blsPublicKey: Uint8Array;
  readonly weight: number;
}

function readValidator(value: unknown, field: string, issues: IssueList): ParsedValidator | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const blsPublicKey = r.required('blsPublicKey', hexBytes(48));
  const blsPop = r.required('blsPop', hexBytes(96));
  const weight = r.required('weight', integerIn(1, Number.MAX_SAFE_INTEGER));
  r.rejectUnknown(['blsPublicKey', 'blsPop', 'weight']);
  if (blsPublicKey === undefined || blsPop === undefined) return undefined;
  if (!blsVerifyPossessionCached(blsPublicKey, blsPop)) {
    if (!isBlsPublicKey(blsPublicKey)) issues.add('GENESIS_INVALID_FIELD', r.path('blsPublicKey'), 'is not a valid BLS12-381 public key (compressed G1 point)');
    else issues.add('GENESIS_BAD_POP', r.path('blsPop'), 'the proof of possession does not verify for blsPublicKey');
    return undefined;
  }
  return weight === undefined ? undefined : { blsPublicKey, weight };
}

function readRegion(value: unknown, field: string, issues: IssueList, chainIds: UniqueCheck): AnchorGenesisRegion | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const before = issues.count;
  const chainId = r.required('chainId', chainIdReader);
  if (chainId !== undefined) chainIds.check(chainId, r.path('chainId'));
  const threshold = r.required('threshold', integerIn(1, Number.MAX_SAFE_INTEGER));
  const list = r.required('validators', (v, f, i) => {
    if (!Array.isArray(v)) {
      i.add('GENESIS_INVALID_FIELD', f, `must be an array of validators, got ${typeName(v)}`);
      return undefined;
    }
    if (v.length < 1 || v.length > MAX_ANCHOR_VALIDATORS) {
      i.add('GENESIS_INVALID_FIELD', f, `must list 1 to ${MAX_ANCHOR_VALIDATORS} validators, got ${v.length}`);
      return undefined;
    }
    const keys = new UniqueCheck('BLS public key', i);
    const out: ParsedValidator[] = [];
    v.forEach((item: unknown, k) => {
      const path = fieldPath(f, k);
      const raw = item as { blsPublicKey?: unknown } | null;
      if (typeof raw?.blsPublicKey === 'string') keys.check(raw.blsPublicKey, fieldPath(path, 'blsPublicKey'));
      const parsed = readValidator(item, path, i);
      if (parsed !== undefined) out.push(parsed);
    });
    return out;
  });
  r.rejectUnknown(['chainId', 'threshold', 'validators']);
  if (issues.count !== before || chainId === undefined || threshold === undefined || list === undefined) return undefined;
  try {
    return { chainId, set: checkedAnchorSet(sortByBlsKey(list), threshold) };
  } catch (e) {
    if (!(e instanceof ChainError)) throw e;
    issues.add('GENESIS_INVALID_FIELD', e.code === 'ANCHOR_BAD_THRESHOLD' ? r.path('threshold') : r.path('validators'), e.message);
    return undefined;
  }
}

/** The SectionParser of "anchor": strict, every defect with its exact field. */
export function parseAnchorSection(value: unknown, field: string): AnchorGenesis {
  const issues = new IssueList();
  const r = ObjectReader.open(value, field, issues);
  let parsed: AnchorGenesis | undefined;
  if (r !== undefined) {
    const registrar = r.required('registrar', bech32Address);
    const chainIds = new UniqueCheck('region chain id', issues);
    const regions = r.has('regions')
      ? (() => {
          const v = r.object['regions'];
          if (!Array.isArray(v)) {
            issues.add('GENESIS_INVALID_FIELD', r.path('regions'), `must be an array of regions, got ${typeName(v)}`);
            return undefined;
          }
          return v.map((item: unknown, i) => readRegion(item, fieldPath(r.path('regions'), i), issues, chainIds));
        })()
      : [];
    r.rejectUnknown(['registrar', 'regions']);
    if (issues.count === 0 && registrar !== undefined && regions !== undefined) {
      parsed = { registrar, regions: regions.filter((x): x is AnchorGenesisRegion => x !== undefined) };
    }
  }
  const first = issues.items[0];
  if (first !== undefined) throw new ChainError(first.code, `${first.field}: ${first.message}`, { field: first.field, issues: issues.items });
  if (parsed === undefined) throw new ChainError('GENESIS_INVALID_FIELD', `${field}: invalid anchor section`, { field });
  return parsed;
}

/** The parsed "anchor" section of a genesis, or undefined when it has none (then the chain is no Hub). */
export function anchorSectionOf(genesis: Genesis): AnchorGenesis | undefined {
  return genesis.app[ANCHOR_SECTION] as AnchorGenesis | undefined;
}

/** Stores the registrar and registers the genesis regions (registered at height 0). */
export async function initAnchorGenesis(ctx: GenesisContext, section: AnchorGenesis): Promise<void> {
  const { genesis, state } = ctx;
  let registrar: Uint8Array;
  try {
    registrar = decodeAddress(section.registrar, genesis.addressPrefix);
  } catch (e) {
    throw new ChainError('GENESIS_INVALID_ADDRESS', `anchor.registrar: ${e instanceof Error ? e.message : String(e)}`, { field: 'anchor.registrar' });
  }
  putAnchorConfig(state, { registrar, regions: [] });
  for (const [i, region] of section.regions.entries()) {
    if (region.chainId === genesis.chainId) {
      throw new ChainError('GENESIS_INVALID_FIELD', `anchor.regions[${i}].chainId: ${JSON.stringify(region.chainId)} is the Hub's own chain id`, { field: `anchor.regions[${i}].chainId` });
    }
    await addRegion(state, region.chainId, region.set, 0);
    ctx.emit('registered', { chainId: region.chainId, validators: region.set.validators.length, threshold: region.set.threshold, validatorsHash: toHex(region.set.hash) });
  }
}
