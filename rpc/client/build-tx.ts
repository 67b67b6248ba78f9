/**
 * Building and signing txs in the client (browser-safe): the envelope of chain/tx, signed with
 * noble ed25519 over the domain-separated bytes, hashed with noble sha256. Local input problems
 * are ChainErrors, thrown before anything is signed.
 */
import type BN from 'bn.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { sha256Portable } from '../../chain/codec/hash-portable.ts';
import { amountToBytes } from '../../chain/amount.ts';
import { decodeAddress, isValidHrp } from '../../chain/crypto/addresses.ts';
import { isValidChainId } from '../../chain/crypto/domain.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { ChainError } from '../../chain/errors.ts';
import { signTx } from '../../chain/tx/sign-tx.ts';
import { encodeSignedTx } from '../../chain/tx/tx-encode.ts';
import { MAX_NAME_LENGTH, type SignedTx } from '../../chain/tx/transaction.ts';
import { toBaseUnits, type AmountInput, type AssetId } from './amounts.ts';

/** An ed25519 secret: 32 bytes, or 64 hex characters. */
export type SecretKeyInput = Uint8Array | string;

export interface TxInput {
  readonly chainId: string;
  readonly secretKey: SecretKeyInput;
  readonly nonce: number;
  /** Base units of the regional token (at least the chain's minFee). */
  readonly fee: AmountInput;
  /** Last block height that may include the tx. */
  readonly expiry: number;
  readonly module: string;
  readonly command: string;
  readonly params: CborValue;
}

export interface TransferInput extends Omit<TxInput, 'module' | 'command' | 'params'> {
  /** bech32m address of the recipient. */
  readonly to: string;
  readonly asset: AssetId;
  /** Base units (BN or decimal string); see parseHumanAmount for "12.5". */
  readonly amount: AmountInput;
  /** If given, `to` must carry this prefix (the chain's addressPrefix). */
  readonly addressPrefix?: string;
}

export interface BuiltTx {
  /** The signed tx's canonical bytes (what POST /txs takes, as hex). */
  readonly bytes: Uint8Array;
  readonly hex: string;
  /** sha256 of the bytes, hex: the tx hash the node reports. */
  readonly hash: string;
  readonly tx: SignedTx;
}

export function secretKeyBytes(secret: SecretKeyInput): Uint8Array {
  const bytes = typeof secret === 'string' && /^[0-9a-fA-F]{64}$/.test(secret) ? hexToBytes(secret.toLowerCase()) : secret;
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw new ChainError('CRYPTO_BAD_KEY', 'the secret key must be 32 bytes (or 64 hex characters)');
  return bytes;
}

/** The 20 bytes of a bech32m address; its prefix must be `expectedPrefix` when given, else any valid one. */
export function addressBytes(address: string, expectedPrefix?: string): Uint8Array {
  const hrp = expectedPrefix ?? address.slice(0, Math.max(0, address.lastIndexOf('1'))).toLowerCase();
  if (!isValidHrp(hrp)) throw new ChainError('CRYPTO_BAD_ADDRESS', `not an address: ${JSON.stringify(address)}`, { address });
  return decodeAddress(address, hrp);
}

const envelopeError = (field: string, why: string): ChainError => new ChainError('TX_MALFORMED', `${field}: ${why}`, { field });

export function buildTx(input: TxInput): BuiltTx {
  if (!isValidChainId(input.chainId)) throw envelopeError('chainId', 'must be 1..64 printable ASCII characters');
  if (!Number.isSafeInteger(input.nonce) || input.nonce < 0) throw envelopeError('nonce', 'must be a non-negative integer');
  if (!Number.isSafeInteger(input.expiry) || input.expiry < 0) throw envelopeError('expiry', 'must be a non-negative integer (a block height)');
  for (const f of ['module', 'command'] as const) {
    if (typeof input[f] !== 'string' || input[f].length < 1 || input[f].length > MAX_NAME_LENGTH) throw envelopeError(f, `must be 1..${MAX_NAME_LENGTH} characters`);
  }
  const secret = secretKeyBytes(input.secretKey);
  const fee: BN = toBaseUnits(input.fee, 'fee');
  const tx = signTx(
    { chainId: input.chainId, sender: ed25519PublicKey(secret), nonce: input.nonce, fee, expiry: input.expiry, body: { module: input.module, command: input.command, params: input.params } },
    secret,
  );
  const bytes = encodeSignedTx(tx);
  return { bytes, hex: bytesToHex(bytes), hash: bytesToHex(sha256Portable(bytes)), tx };
}

/** The params of ledger/transfer: [to (20 address bytes), asset, amount (canonical bytes)]. */
export function transferParams(to: string, asset: AssetId, amount: AmountInput, addressPrefix?: string): CborValue {
  if (asset !== 'TFT' && asset !== 'REGIONAL') throw new ChainError('LEDGER_UNKNOWN_ASSET', `unknown asset ${JSON.stringify(asset)} (TFT or REGIONAL)`);
  return [addressBytes(to, addressPrefix), asset, amountToBytes(toBaseUnits(amount, 'amount'))];
}

export function buildTransfer(input: TransferInput): BuiltTx {
  const { to, asset, amount, addressPrefix, ...envelope } = input;
  return buildTx({ ...envelope, module: 'ledger', command: 'transfer', params: transferParams(to, asset, amount, addressPrefix) });
}
