/**
 * What to do about an error, for people: one hint line under `error: CODE: message` for the codes
 * a user of the chain commands meets most. Codes without a hint print only the error line.
 */
import type { CliIo } from './cli-io.ts';

export const ERROR_HINTS: Readonly<Record<string, string>> = {
  RPC_UNREACHABLE: 'is the node running? start one with `npm run testnet`, or point --rpc (or $TFR_RPC) at a node',
  RPC_TIMEOUT: 'the node is slow or stuck; `tfr status` shows whether its height still moves',
  RPC_BAD_RESPONSE: 'is --rpc the base URL of a tfr node, e.g. http://127.0.0.1:26657 ?',
  RPC_NOT_FOUND: 'is --rpc the base URL of a tfr node (no path), and is the node as new as this CLI?',
  RPC_BAD_REQUEST: 'an address, hash or height is malformed; addresses are bech32m with the chain prefix (`tfr status`)',
  RPC_RATE_LIMITED: 'too many requests from this address: wait a few seconds and try again',
  RPC_WAIT_TIMEOUT: 'the tx is pending and may still be committed: check with `tfr tx HASH`',
  RPC_TX_NOT_FOUND: 'the node knows no such tx: never submitted to it, or dropped from its mempool (expired or no longer valid)',
  RPC_BLOCK_NOT_FOUND: 'the chain is not that high yet: `tfr status` shows its height',
  RPC_UNAVAILABLE: 'the node is stopping or stopped; start it again (`npm run testnet` resumes)',
  RPC_BODY_TOO_LARGE: 'the tx is larger than the node accepts',
  CLI_KEY_NOT_FOUND: 'create a key with `tfr keys new NAME`, give a key file path, or use a test account (alice, bob, ... niaj)',
  CLI_STREAM_CLOSED: 'the node stopped or restarted; run the command again once it is up',
  LEDGER_INSUFFICIENT_BALANCE: 'the sender cannot pay the amount (plus the fee when paying in the regional token): see `tfr account`',
  LEDGER_NONCE_TOO_LOW: 'another tx of this account used that nonce first; run the command again (it reads the next nonce from the node)',
  LEDGER_NONCE_TOO_HIGH: 'an earlier tx of this account is missing or was dropped; `tfr account` shows the nonce the next tx needs',
  LEDGER_FEE_TOO_LOW: 'the fee must be at least the chain minimum (`tfr status`, "min fee"); leave --fee out to pay exactly that',
  LEDGER_SELF_TRANSFER: '--to is the sender itself',
  LEDGER_ZERO_AMOUNT: 'send at least one base unit',
  LEDGER_UNKNOWN_ASSET: 'the asset is TFT or the regional token (its symbol, or REGIONAL)',
  LEDGER_BALANCE_OVERFLOW: 'the recipient would hold more than 2^128 - 1 base units',
  RPC_NO_POOL: 'this chain has no pool (its genesis has no "pool" section)',
  AMM_SLIPPAGE: 'the price moved beyond the bound before the block: `tfr quote` again, or allow more with --slippage (or a lower --min-out)',
  AMM_DEADLINE_PASSED: 'the chain passed the deadline before including the tx; send it again, or give a larger --deadline',
  AMM_INSUFFICIENT_LIQUIDITY: 'the pool cannot serve this trade: ask for less than its reserve (`tfr pool`)',
  AMM_INSUFFICIENT_OUTPUT: 'the amount is too small to buy anything at this price; offer more',
  AMM_ZERO_AMOUNT: 'every pool amount must be at least one base unit',
  AMM_INSUFFICIENT_SHARES: 'the account holds fewer shares than that: GET /pool/positions/ADDRESS shows them',
  AMM_MIN_LIQUIDITY: 'the deposit is too small to mint a share; deposit more',
  AMM_RESERVE_CAP: 'the pool reserve would exceed 2^112 - 1 base units; trade less',
  TX_BAD_SIGNATURE: 'the signature does not match the sender key: the tx was changed after signing, or signed for another chain',
  TX_WRONG_CHAIN: 'the tx was signed for another chain id than this node runs',
  TX_EXPIRED: 'the chain passed the tx expiry height before including it; send it again',
  MEMPOOL_FULL: 'the node has too many pending txs; try again after the next block',
  MEMPOOL_DUPLICATE: 'this exact tx is already pending: follow it with `tfr tx HASH`',
  CRYPTO_BAD_ADDRESS: 'addresses are bech32m with the chain prefix (`tfr status` shows it), e.g. testnet1...',
  CRYPTO_BAD_KEY: 'a secret key is 32 bytes (64 hex characters)',
};

export function hintFor(code: string): string | undefined {
  return ERROR_HINTS[code];
}

/** `error: CODE: message`, then `hint: ...` when there is one. */
export function printError(io: CliIo, code: string, message: string): void {
  const hint = hintFor(code);
  io.err(`error: ${code}: ${message}\n${hint === undefined ? '' : `hint: ${hint}\n`}`);
}
