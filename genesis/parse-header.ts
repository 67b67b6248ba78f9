/** Readers for the top-level scalar fields: chainId, region, genesisTime, addressPrefix. */
import { isValidHrp } from '../chain/crypto/addresses.ts';
import { parseGenesisTime } from './genesis-time.ts';
import { show, stringMatching, typeName, type Reader } from './value-readers.ts';

export const CHAIN_ID_RE = /^[a-z0-9-]{1,64}$/;
export const REGION_RE = /^[a-z0-9-]{1,32}$/;

export const readChainId = stringMatching(CHAIN_ID_RE, '1 to 64 characters a-z, 0-9, "-"');
export const readRegion = stringMatching(REGION_RE, '1 to 32 characters a-z, 0-9, "-"');

export const readGenesisTime: Reader<number> = (value, field, issues) => {
  const ms = typeof value === 'string' ? parseGenesisTime(value) : undefined;
  if (ms === undefined) {
    const got = typeof value === 'string' ? show(value) : typeName(value);
    issues.add('GENESIS_INVALID_FIELD', field, `must be an RFC 3339 UTC time like "2026-11-01T00:00:00Z" (1970..9999, "Z", at most 3 fraction digits), got ${got}`);
  }
  return ms;
};

export const readAddressPrefix: Reader<string> = (value, field, issues) => {
  if (typeof value !== 'string' || !isValidHrp(value)) {
    const got = typeof value === 'string' ? show(value) : typeName(value);
    issues.add('GENESIS_INVALID_FIELD', field, `must be a bech32m prefix of 1 to 16 characters a-z, 0-9, got ${got}`);
    return undefined;
  }
  return value;
};
