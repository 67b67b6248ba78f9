/**
 * Test accounts and the PUBLISHED testnet seed. Everything derived from TESTNET_SEED is public and
 * worthless: anyone can rebuild these keys. Never fund them with anything of value.
 *
 *   account key = deriveEd25519Key(seed, "account/" + name)
 */
import { deriveEd25519Key, type Ed25519KeyPair } from '../chain/crypto/key-derivation.ts';

/** The published seed of the public test networks (genesis/testnet.json, genesis/hub-testnet.json). */
export const TESTNET_SEED = 'tfr-public-testnet-v1';

/** The default test accounts, in order (the generator funds the first N). */
export const TEST_ACCOUNT_NAMES = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
] as const;

/** The first `count` test account names; beyond the 12 named ones: account-13, account-14, ... */
export function testAccountNames(count: number): string[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`account count must be a non-negative integer: ${count}`);
  const names: string[] = [];
  for (let i = 1; i <= count; i++) names.push(TEST_ACCOUNT_NAMES[i - 1] ?? `account-${i}`);
  return names;
}

/** The ed25519 key of test account `name` under `seed`. */
export function testAccountKey(seed: string, name: string): Ed25519KeyPair {
  return deriveEd25519Key(seed, `account/${name}`);
}
