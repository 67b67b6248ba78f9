/**
 * `validators`: 1..100 founding validators (a region runs with up to 99, the Hub with 100). Names,
 * ed25519 keys and BLS keys are unique; keys are valid points; every BLS key comes with a proof of
 * possession that verifies (fast aggregate verification of anchor certificates is only safe for
 * such keys); power is a positive safe integer and the total is at most 2^50.
 */
import type { GenesisValidator } from './genesis-types.ts';
import { fieldPath, type IssueList } from './genesis-issue.ts';
import { isBlsPublicKey, isEd25519PublicKey, popVerifies } from './key-checks.ts';
import { UniqueCheck } from './unique-check.ts';
import { hexBytes, integerIn, ObjectReader, stringMatching, typeName, type Reader } from './value-readers.ts';

export const MAX_VALIDATORS = 100;
export const MAX_TOTAL_POWER = 2 ** 50;
export const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const NAME_DESCRIPTION = '1 to 64 characters a-z, 0-9, ".", "_", "-", starting with a letter or digit';
const NETWORK_ADDRESS_RE = /^[\x21-\x7e]{1,256}$/;

const VALIDATOR_FIELDS = ['name', 'publicKey', 'blsPublicKey', 'blsPop', 'power', 'networkAddress'] as const;

const name = stringMatching(NAME_RE, NAME_DESCRIPTION);
const networkAddress = stringMatching(NETWORK_ADDRESS_RE, '1 to 256 printable ASCII characters without spaces');

/** 32 bytes of hex that are a valid ed25519 public key (the Hub section of a region reads them too). */
export const ed25519Key: Reader<Uint8Array> = (value, field, issues) => {
  const bytes = hexBytes(32)(value, field, issues);
  if (bytes !== undefined && !isEd25519PublicKey(bytes)) {
    issues.add('GENESIS_INVALID_FIELD', field, 'is not a valid ed25519 public key (not a canonical curve point, or of small order)');
    return undefined;
  }
  return bytes;
};

function parseValidator(value: unknown, field: string, issues: IssueList): GenesisValidator | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const n = r.required('name', name);
  const publicKey = r.required('publicKey', ed25519Key);
  const blsPublicKey = r.required('blsPublicKey', hexBytes(48));
  const blsPop = r.required('blsPop', hexBytes(96));
  const power = r.required('power', integerIn(1, Number.MAX_SAFE_INTEGER));
  const address = r.optional('networkAddress', networkAddress);
  r.rejectUnknown(VALIDATOR_FIELDS);
  if (blsPublicKey !== undefined && blsPop !== undefined && !popVerifies(blsPublicKey, blsPop)) {
    if (!isBlsPublicKey(blsPublicKey)) {
      issues.add('GENESIS_INVALID_FIELD', r.path('blsPublicKey'), 'is not a valid BLS12-381 public key (compressed G1 point)');
    } else {
      issues.add('GENESIS_BAD_POP', r.path('blsPop'), 'the proof of possession does not verify for blsPublicKey');
    }
    return undefined;
  }
  if (n === undefined || publicKey === undefined || blsPublicKey === undefined || blsPop === undefined || power === undefined) return undefined;
  if (r.has('networkAddress') && address === undefined) return undefined;
  return { name: n, publicKey, blsPublicKey, blsPop, power, networkAddress: address };
}

export function parseValidators(value: unknown, field: string, issues: IssueList): GenesisValidator[] | undefined {
  if (!Array.isArray(value)) {
    issues.add('GENESIS_INVALID_FIELD', field, `must be an array of validators, got ${typeName(value)}`);
    return undefined;
  }
  const before = issues.count;
  if (value.length < 1 || value.length > MAX_VALIDATORS) {
    issues.add('GENESIS_INVALID_FIELD', field, `must list 1 to ${MAX_VALIDATORS} validators, got ${value.length}`);
  }
  const names = new UniqueCheck('validator name', issues);
  const keys = new UniqueCheck('ed25519 public key', issues);
  const blsKeys = new UniqueCheck('BLS public key', issues);
  const out: GenesisValidator[] = [];
  let totalPower = 0;
  value.forEach((item: unknown, i) => {
    const path = fieldPath(field, i);
    // Uniqueness is checked on the raw strings too, so duplicates show even in otherwise bad entries.
    const raw = item as { name?: unknown; publicKey?: unknown; blsPublicKey?: unknown } | null;
    const v = parseValidator(item, path, issues);
    if (typeof raw?.name === 'string') names.check(raw.name, fieldPath(path, 'name'));
    if (typeof raw?.publicKey === 'string') keys.check(raw.publicKey, fieldPath(path, 'publicKey'));
    if (typeof raw?.blsPublicKey === 'string') blsKeys.check(raw.blsPublicKey, fieldPath(path, 'blsPublicKey'));
    if (v !== undefined) {
      out.push(v);
      totalPower += v.power;
    }
  });
  if (totalPower > MAX_TOTAL_POWER) {
    issues.add('GENESIS_INVALID_FIELD', field, `total voting power ${totalPower} exceeds 2^50`);
  }
  return issues.count === before ? out : undefined;
}

export function totalPower(validators: readonly GenesisValidator[]): number {
  return validators.reduce((sum, v) => sum + v.power, 0);
}
