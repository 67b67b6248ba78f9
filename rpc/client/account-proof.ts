/**
 * Offline check of GET /proofs/accounts/:address: the proof must show, against a state root the
 * caller trusts (e.g. from a block header it verified), that the account's state key holds exactly
 * the bytes given, and those bytes must be the account record the view shows. Browser-safe.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { bytesEqual, concatBytes } from '../../chain/codec/bytes-portable.ts';
import { accountCodec, type Account } from '../../chain/ledger/account.ts';
import { proofFromJson } from '../../chain/state/proof-json.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import type { AccountProofView } from '../api/schemas.ts';
import { addressBytes } from './build-tx.ts';

/**
 * Ledger module prefix 0x01, accounts store 0x00: chain/ledger/ledger-state.ts builds the same key
 * through TypedStore, which is not browser-safe; a test checks both agree.
 */
const ACCOUNT_KEY_PREFIX = Uint8Array.of(0x01, 0x00);

/** The raw state key of an account (20 address bytes). */
export function accountKey(address: Uint8Array): Uint8Array {
  return concatBytes(ACCOUNT_KEY_PREFIX, address);
}

const HEX = /^(?:[0-9a-f]{2})*$/;
const hex = (s: unknown): Uint8Array | undefined => (typeof s === 'string' && HEX.test(s) ? hexToBytes(s) : undefined);

function sameAccount(a: Account, view: AccountProofView['account']): boolean {
  return a.nonce === view.nonce && a.balances.TFT.toString(10) === view.balances.TFT && a.balances.REGIONAL.toString(10) === view.balances.REGIONAL;
}

/**
 * True iff `view` proves its account (or its absence, as nonce 0 and zero balances) under
 * `trustedStateRoot` (hex), or under the view's own stateRoot when none is given (which only shows
 * the node is consistent with itself). Never throws: anything malformed is false.
 */
export function verifyAccountProof(view: AccountProofView, trustedStateRoot?: string): boolean {
  try {
    const root = hex(trustedStateRoot ?? view.stateRoot);
    if (root === undefined || root.length !== 32) return false;
    const key = accountKey(addressBytes(view.address));
    const claimedKey = hex(view.key);
    if (claimedKey === undefined || !bytesEqual(claimedKey, key)) return false;
    let value: Uint8Array | null = null;
    if (view.value === null) {
      // An absent account is the empty account: the view must not claim a nonce or a balance.
      const a = view.account;
      if (a.nonce !== 0 || a.balances.TFT !== '0' || a.balances.REGIONAL !== '0') return false;
    } else {
      value = hex(view.value) ?? null;
      if (value === null) return false;
      const account = accountCodec.decode(value);
      // The chain stores canonical bytes; anything else is not a record it wrote.
      if (!bytesEqual(accountCodec.encode(account), value) || !sameAccount(account, view.account)) return false;
    }
    return verifyProof(root, key, value, proofFromJson(view.proof));
  } catch {
    return false;
  }
}
