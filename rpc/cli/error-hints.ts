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
  RPC_NO_DAO: 'this chain has no DAO (its genesis has no "dao" section)',
  RPC_NO_FARMING: 'this chain has no farming registry (its genesis has no "farming" section)',
  RPC_NO_NETWORK: 'the in-process `tfr testnet` has no peer-to-peer network: point --rpc (or $TFR_RPC) at a node started with `tfr node`',
  RPC_PERIOD_NOT_FOUND: 'that farming period has not closed yet: `tfr farming rewards` shows the open period and the latest closed one',
  DAO_BAD_NAME: 'names are 1..40 (farms) or 1..64 (policies) of A-Z a-z 0-9 _ - . , without spaces',
  DAO_BAD_RESOURCES: 'cores 1..4096; memory, SSD and HDD at most 1 PiB (sizes like 32GiB or 2TB); at most 256 public IPs',
  DAO_BAD_POLICY: 'minimal uptime is permille 0..1000 (950 = 95%); a policy end is a future height or 0; certifications diy|certified and notCertified|gold',
  DAO_FARM_NAME_TAKEN: 'another farm has this name: pick another --name',
  DAO_FARM_NOT_FOUND: 'no farm has this id: `tfr farm show ID` for yours (the id is printed by `tfr farm create`)',
  DAO_NODE_NOT_FOUND: 'no node has this id: the id is printed by `tfr farm node add`; `tfr farm show FARM_ID` lists a farm\'s nodes',
  DAO_NODE_KEY_TAKEN: 'a node with this node key is registered already: each node has its own key (`tfr keys new NAME`)',
  DAO_BAD_NODE_SIGNATURE: "the node key's consent does not match this chain, farm and owner: sign with the node's own --node-key",
  DAO_NOT_FARM_OWNER: '--key does not own the farm: sign with the key that created it (`tfr farm show ID` shows the owner)',
  DAO_NOT_NODE_KEY: "updates and uptime reports are signed by the node's own key: give its --node-key",
  DAO_BAD_UPTIME: 'uptime is seconds since the node booted (at most 100 years); traffic at most 2^53 bytes',
  DAO_POLICY_NOT_FOUND: 'no farming policy has this id: `tfr farming policies` lists them',
  DAO_POLICY_IMMUTABLE: 'this policy is immutable: propose a new one (--add-policy) instead',
  DAO_POLICY_EXPIRED: 'the policy has ended and cannot be attached: `tfr farming policies` shows which are current',
  DAO_BAD_LIMITS: 'limits: node count, CU and SU budgets are whole numbers; an end height must be in the future',
  DAO_PROPOSAL_NOT_FOUND: 'no proposal has this id: `tfr dao list` shows them',
  DAO_BAD_PROPOSAL: 'a title is 1..128 characters, a description at most 4096, at most 16 actions; the message names the malformed field',
  DAO_DEPOSIT_TOO_LOW: "leave --deposit out to lock exactly the minimum (`tfr dao show` / GET /dao/params give it)",
  DAO_VOTING_PERIOD: "the voting period must be within the DAO's minimum and maximum (GET /dao/params); leave --period out for the minimum",
  DAO_VOTING_CLOSED: 'voting on this proposal has ended: `tfr dao show ID` shows its status',
  DAO_NO_WEIGHT: "the farm had no nodes (no weight) when the proposal was created, so it cannot vote on it",
  DAO_BAD_VOTE: 'a vote is yes, no, abstain or veto',
  DAO_BELOW_FLOOR: 'genesis fixed floors for the deposit, voting period, quorum and threshold (GET /dao/params `floors`): stay at or above them',
  DAO_BAD_PARAMS: 'quorum, threshold and veto are permille 1..1000, and the maximum voting period at least the minimum',
  TX_BAD_SIGNATURE: 'the signature does not match the sender key: the tx was changed after signing, or signed for another chain',
  TX_WRONG_CHAIN: 'the tx was signed for another chain id than this node runs',
  TX_EXPIRED: 'the chain passed the tx expiry height before including it; send it again',
  MEMPOOL_FULL: 'the node has too many pending txs; try again after the next block',
  MEMPOOL_DUPLICATE: 'this exact tx is already pending: follow it with `tfr tx HASH`',
  CRYPTO_BAD_ADDRESS: 'addresses are bech32m with the chain prefix (`tfr status` shows it), e.g. testnet1...',
  CRYPTO_BAD_KEY: 'a secret key is 32 bytes (64 hex characters)',
  CLI_WAIT_TIMEOUT: 'nothing was undone: run the command again to keep waiting (`tfr bridge release ID` for a withdrawal), or give a larger --wait-timeout',
  ANCHOR_UNKNOWN_REGION: 'no region with this chain id is registered on the Hub: `tfr anchors --rpc HUB_RPC` lists them',
  ANCHOR_BRIDGE_FROZEN: "the Hub holds fork evidence against this region: its bridge refuses everything (`tfr anchors --rpc HUB_RPC` shows the fork)",
  BRIDGE_NOT_CONFIGURED: 'this chain has no bridge (a region genesis without a "hub" section): point --rpc at a region with a bridge, or --hub-rpc at the Hub',
  BRIDGE_UNKNOWN_TRANSFER: 'neither sent from nor claimed on this chain: ask the other chain (a deposit is sent from the Hub, a withdrawal from the region)',
  BRIDGE_NOT_ANCHORED: 'the Hub has not anchored a region height above the withdrawal yet: `tfr anchors` shows the anchored height; a relayer must be running',
  BRIDGE_ALREADY_CLAIMED: 'this transfer was paid already (by a relayer, or an earlier run): `tfr bridge transfer ID` on the destination shows it',
  BRIDGE_BAD_AMOUNT: 'bridge at least one base unit of TFT',
  RPC_COMMIT_NOT_FOUND: 'this node has no commit of that block yet: ask for a lower height, or wait for the next block',
};

export function hintFor(code: string): string | undefined {
  return ERROR_HINTS[code];
}

/** `error: CODE: message`, then `hint: ...` when there is one. */
export function printError(io: CliIo, code: string, message: string): void {
  const hint = hintFor(code);
  io.err(`error: ${code}: ${message}\n${hint === undefined ? '' : `hint: ${hint}\n`}`);
}
