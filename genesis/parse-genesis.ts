/**
 * `checkGenesis` and `parseGenesis`: the one place a genesis file becomes a `Genesis`. Everything is
 * validated (format in genesis/README.md) and every defect is collected with the path of its field;
 * the result is deep-frozen. `hash` is the sha256 of the file's UTF-8 bytes.
 */
import { ChainError, isChainError } from '../chain/errors.ts';
import { sha256 } from '../chain/codec/hash.ts';
import { utf8 } from '../chain/codec/bytes.ts';
import type { Genesis } from './genesis-types.ts';
import { displayField, IssueList, type GenesisIssue } from './genesis-issue.ts';
import { parseJsonDocument } from './json-document.ts';
import { ObjectReader } from './value-readers.ts';
import { readAddressPrefix, readChainId, readGenesisTime, readRegion } from './parse-header.ts';
import { declaredSymbols, parseAssets, TFT_SYMBOL } from './parse-assets.ts';
import { parseConsensus } from './parse-consensus.ts';
import { parseLedger } from './parse-ledger.ts';
import { parseValidators } from './parse-validators.ts';
import { parseAccounts } from './parse-accounts.ts';
import { deepFreeze } from './deep-freeze.ts';
import type { ParseGenesisOptions, SectionParsers } from './section-parser.ts';

export const CORE_FIELDS = [
  'chainId',
  'region',
  'genesisTime',
  'addressPrefix',
  'assets',
  'consensus',
  'ledger',
  'validators',
  'accounts',
] as const;

export type CheckGenesisResult =
  | { readonly ok: true; readonly genesis: Genesis }
  | { readonly ok: false; readonly issues: readonly GenesisIssue[] };

function checkSectionNames(sections: SectionParsers): void {
  for (const name of Object.keys(sections)) {
    if ((CORE_FIELDS as readonly string[]).includes(name)) {
      throw new RangeError(`application section "${name}" would shadow a core genesis field`);
    }
    if (typeof sections[name] !== 'function') throw new TypeError(`section parser "${name}" is not a function`);
  }
}

function runSection(name: string, parse: (value: unknown, field: string) => unknown, value: unknown, issues: IssueList): unknown {
  try {
    return parse(value, name);
  } catch (e) {
    if (!isChainError(e)) throw e; // a bug in the parser, not a defect of the file
    const field = e.details?.['field'];
    issues.add(e.code, typeof field === 'string' ? field : name, e.message);
    return undefined;
  }
}

function fail(issues: IssueList): CheckGenesisResult {
  return { ok: false, issues: Object.freeze([...issues.items]) };
}

/** Validates `text` and returns the genesis, or every issue found. */
export function checkGenesis(text: string, options: ParseGenesisOptions = {}): CheckGenesisResult {
  if (typeof text !== 'string') throw new TypeError('checkGenesis expects the file text as a string');
  const sections = options.sections ?? {};
  checkSectionNames(sections);
  const issues = new IssueList();
  const doc = parseJsonDocument(text, issues);
  if (doc === undefined) return fail(issues);
  const r = ObjectReader.open(doc, '', issues);
  if (r === undefined) return fail(issues);

  const chainId = r.required('chainId', readChainId);
  const region = r.required('region', readRegion);
  const genesisTime = r.required('genesisTime', readGenesisTime);
  const addressPrefix = r.required('addressPrefix', readAddressPrefix);
  const assets = r.required('assets', parseAssets);
  const consensus = r.required('consensus', parseConsensus);
  const ledger = r.required('ledger', parseLedger);
  const validators = r.required('validators', parseValidators);
  const symbols = assets === undefined ? declaredSymbols(r.object['assets']) : { tft: TFT_SYMBOL, regional: assets.regional.symbol };
  const accounts = r.required('accounts', (value, field, list) =>
    parseAccounts(value, field, list, { prefix: addressPrefix, tftSymbol: symbols.tft, regionalSymbol: symbols.regional }),
  );

  const app: Record<string, unknown> = {};
  for (const key of r.keys()) {
    if ((CORE_FIELDS as readonly string[]).includes(key)) continue;
    const parse = Object.hasOwn(sections, key) ? sections[key] : undefined;
    if (parse === undefined) {
      const registered = Object.keys(sections);
      const hint = registered.length > 0 ? `registered sections: ${registered.join(', ')}` : 'no application sections are registered';
      issues.add('GENESIS_UNKNOWN_FIELD', r.path(key), `unknown field "${key}" (${hint})`);
      continue;
    }
    app[key] = runSection(key, parse, r.object[key], issues);
  }

  if (
    issues.count > 0 ||
    chainId === undefined ||
    region === undefined ||
    genesisTime === undefined ||
    addressPrefix === undefined ||
    assets === undefined ||
    consensus === undefined ||
    ledger === undefined ||
    validators === undefined ||
    accounts === undefined
  ) {
    return fail(issues);
  }
  const genesis: Genesis = {
    hash: sha256(utf8(text)).slice(),
    chainId,
    region,
    genesisTime,
    addressPrefix,
    assets,
    validators,
    consensus,
    ledger,
    accounts,
    app,
  };
  return { ok: true, genesis: deepFreeze(genesis) };
}

/** One line for people: `GENESIS_BAD_POP validators[3].blsPop: the proof of possession ...`. */
export function formatIssue(issue: GenesisIssue): string {
  return `${issue.code} ${displayField(issue.field)}: ${issue.message}`;
}

/**
 * The validated genesis. Throws a ChainError with the first issue's code and message and
 * `details: { field, issues }` listing every issue.
 */
export function parseGenesis(text: string, options: ParseGenesisOptions = {}): Genesis {
  const result = checkGenesis(text, options);
  if (result.ok) return result.genesis;
  const [first] = result.issues;
  if (first === undefined) throw new Error('checkGenesis failed without an issue'); // unreachable
  const more = result.issues.length - 1;
  const suffix = more > 0 ? ` (and ${more} more issue${more === 1 ? '' : 's'})` : '';
  throw new ChainError(first.code, `genesis ${displayField(first.field)}: ${first.message}${suffix}`, {
    field: first.field,
    issues: result.issues,
  });
}
