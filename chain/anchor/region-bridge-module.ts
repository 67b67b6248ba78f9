/**
 * A region's `bridge` module (store prefix 0x11), registered when the region genesis has a "hub"
 * section (copied into state at genesis: commands only see state):
 *
 * - `withdraw [recipient, amount]`: burns `amount` TFT of the sender (the region's TFT supply
 *   falls by it) and records a TransferRecord (source = this region, destination = the Hub) that
 *   the Hub's `bridge.release` proves once a certificate above this block is anchored.
 * - `claim [record, hubProof]`: mints a Hub deposit for this region to its recipient, once, when
 *   the Hub proof shows the record in the Hub's state (hub-proof.ts: Hub header, +2/3 commit,
 *   Merkle proof of the exact bytes).
 * - `receipt [record, hubProof]`: records the Hub's RegionRecord of this region as the region's
 *   AnchorReceipt (its newest anchored certificate) when it is newer than the stored one; a record
 *   that says frozen freezes the bridge here too: `withdraw` and `claim` then refuse
 *   (ANCHOR_BRIDGE_FROZEN), for good.
 *
 * TFT supply on a region is the sum of its balances (the ledger keeps no supply counter): a claim
 * credits (mints), a withdrawal debits (burns). Every rule is checked in `verify`: a command that
 * breaks one is an *invalid* tx (refused by the mempool, its block rejected whole, no fee, no state
 * change); `execute` repeats the checks on its own state (the Hub commit check is cached).
 */
import { toHex } from '../codec/bytes.ts';
import type { CborValue } from '../codec/cbor.ts';
import { ChainError, isChainError } from '../errors.ts';
import type { ChainModule, Command } from '../execution/module.ts';
import type { StateReader } from '../execution/state-access.ts';
import { MAX_AMOUNT } from '../amount.ts';
import { credit, debit, getAccount } from '../ledger/ledger-state.ts';
import { anchorKeys, bridgeKeys, BRIDGE_STORE_PREFIX } from './anchor-keys.ts';
import { claimParams, receiptParams, withdrawParams, type ClaimParams, type ReceiptParams, type WithdrawParams } from './anchor-params.ts';
import { hubSectionOf } from './bridge-genesis.ts';
import type { TransferRecord } from './bridge-records.ts';
import {
  BRIDGE_COMMANDS,
  BRIDGE_MODULE,
  decodeRegionRecord,
  decodeTransferRecord,
  frozenAt,
  getClaim,
  getReceipt,
  putClaim,
  putFrozen,
  putHubConfig,
  putReceipt,
  recordOutgoingTransfer,
  requireBalance,
  requireHubConfig,
  requirePositive,
} from './bridge-state.ts';
import type { RegionRecord } from './hub-records.ts';
import { verifyHubProof, type HubConfig } from './hub-proof.ts';

async function requireOpenBridge(state: StateReader): Promise<HubConfig> {
  const config = await requireHubConfig(state);
  const frozen = await frozenAt(state);
  if (frozen !== undefined) throw new ChainError('ANCHOR_BRIDGE_FROZEN', `this region's bridge is frozen: the Hub's record of it (proven at Hub height ${frozen}) holds fork evidence`, { hubHeight: frozen });
  return config;
}

async function checkWithdraw(state: StateReader, sender: Uint8Array, p: WithdrawParams): Promise<HubConfig> {
  const config = await requireOpenBridge(state);
  await requireBalance(state, sender, p.amount);
  return config;
}

function withdrawCommand(): Command<WithdrawParams> {
  return {
    name: BRIDGE_COMMANDS.withdraw,
    decodeParams(v: CborValue) {
      const p = withdrawParams.decode(v);
      requirePositive(p.amount);
      return p;
    },
    encodeParams: withdrawParams.encode,
    async verify(ctx, p) {
      await checkWithdraw(ctx.state, ctx.tx.senderAddress, p);
    },
    async execute(ctx, p) {
      const { state, block, tx } = ctx;
      const config = await checkWithdraw(state, tx.senderAddress, p);
      await debit(state, tx.senderAddress, 'TFT', p.amount);
      const { record, sequence } = await recordOutgoingTransfer(state, block, { destination: config.chainId, sender: tx.senderAddress, recipient: p.recipient, amount: p.amount });
      ctx.emit('withdraw', { id: toHex(record.id), hub: config.chainId, sequence, sender: toHex(tx.senderAddress), recipient: toHex(p.recipient), amount: p.amount.toString() });
    },
  };
}

interface Claim {
  readonly params: ClaimParams;
  readonly record: TransferRecord;
}

/** Every rule of a claim against `state` (this region is `ownChainId`); returns the proving Hub height. */
async function checkClaim(state: StateReader, ownChainId: string, { params: p, record }: Claim): Promise<number> {
  const config = await requireOpenBridge(state);
  const header = verifyHubProof(config, p.hubProof, bridgeKeys.transfer(record.id), p.record);
  if (record.source !== config.chainId) throw new ChainError('BRIDGE_WRONG_CHAIN', `the transfer was sent by ${JSON.stringify(record.source)}, not by the Hub`, { source: record.source });
  if (record.destination !== ownChainId) {
    throw new ChainError('BRIDGE_WRONG_CHAIN', `the deposit is for ${JSON.stringify(record.destination)}, not this region (${JSON.stringify(ownChainId)})`, { destination: record.destination });
  }
  if ((await getClaim(state, record.id)) !== undefined) throw new ChainError('BRIDGE_ALREADY_CLAIMED', `deposit ${toHex(record.id)} was already claimed`, { id: toHex(record.id) });
  const balance = (await getAccount(state, record.recipient)).balances.TFT;
  if (balance.add(record.amount).gt(MAX_AMOUNT)) throw new ChainError('LEDGER_BALANCE_OVERFLOW', 'balance of TFT would exceed 2^128 - 1');
  return header.height;
}

function claimCommand(): Command<Claim> {
  return {
    name: BRIDGE_COMMANDS.claim,
    decodeParams(v: CborValue) {
      const params = claimParams.decode(v);
      return { params, record: decodeTransferRecord(params.record) };
    },
    encodeParams: (c) => claimParams.encode(c.params),
    async verify(ctx, c) {
      await checkClaim(ctx.state, ctx.block.chainId, c);
    },
    async execute(ctx, c) {
      const { state, block } = ctx;
      const { record } = c;
      const hubHeight = await checkClaim(state, block.chainId, c);
      await credit(state, record.recipient, 'TFT', record.amount);
      putClaim(state, record.id, { recipient: record.recipient, amount: record.amount, height: block.height });
      ctx.emit('claim', { id: toHex(record.id), hubHeight, recipient: toHex(record.recipient), amount: record.amount.toString() });
    },
  };
}

interface Receipt {
  readonly params: ReceiptParams;
  readonly record: RegionRecord;
}

interface CheckedReceipt {
  /** Hub height of the header that proved the record. */
  readonly hubHeight: number;
  /** The record is above the stored receipt: it becomes the receipt. */
  readonly newer: boolean;
  /** The record says frozen and this region did not know yet. */
  readonly freezes: boolean;
}

async function checkReceipt(state: StateReader, ownChainId: string, { params: p, record }: Receipt): Promise<CheckedReceipt> {
  const config = await requireHubConfig(state);
  if (record.chainId !== ownChainId) throw new ChainError('ANCHOR_BAD_RECEIPT', `the Hub record is of region ${JSON.stringify(record.chainId)}, not this one`, { region: record.chainId });
  let hubHeight: number;
  try {
    hubHeight = verifyHubProof(config, p.hubProof, anchorKeys.region(ownChainId), p.record).height;
  } catch (e) {
    if (!isChainError(e)) throw e;
    throw new ChainError('ANCHOR_BAD_RECEIPT', `the receipt is not proven by the Hub: ${e.message}`, { reason: e.code });
  }
  const stored = (await getReceipt(state))?.height ?? 0;
  const freezes = record.frozen && (await frozenAt(state)) === undefined;
  const newer = record.lastHeight > stored;
  if (!newer && !freezes) {
    throw new ChainError('ANCHOR_STALE_HEIGHT', `the Hub record's anchored height ${record.lastHeight} is not above the stored receipt's ${stored}`, { height: record.lastHeight, stored });
  }
  return { hubHeight, newer, freezes };
}

function receiptCommand(): Command<Receipt> {
  return {
    name: BRIDGE_COMMANDS.receipt,
    decodeParams(v: CborValue) {
      const params = receiptParams.decode(v);
      return { params, record: decodeRegionRecord(params.record) };
    },
    encodeParams: (r) => receiptParams.encode(r.params),
    async verify(ctx, r) {
      await checkReceipt(ctx.state, ctx.block.chainId, r);
    },
    async execute(ctx, r) {
      const { state, block } = ctx;
      const { record } = r;
      const { hubHeight, newer, freezes } = await checkReceipt(state, block.chainId, r);
      if (newer) {
        putReceipt(state, { height: record.lastHeight, blockHash: record.lastBlockHash, stateRoot: record.lastStateRoot, hubHeight: record.lastHubHeight, provenAtHubHeight: hubHeight });
        ctx.emit('receipt', { height: record.lastHeight, blockHash: toHex(record.lastBlockHash), hubHeight: record.lastHubHeight, provenAtHubHeight: hubHeight });
      }
      if (freezes) {
        putFrozen(state, hubHeight);
        ctx.emit('frozen', { provenAtHubHeight: hubHeight });
      }
    },
  };
}

export function createRegionBridgeModule(): ChainModule {
  return {
    name: BRIDGE_MODULE,
    storePrefix: BRIDGE_STORE_PREFIX,
    commands: [withdrawCommand(), claimCommand(), receiptCommand()],
    async initGenesis(ctx) {
      const section = hubSectionOf(ctx.genesis);
      if (section === undefined) return;
      if (section.chainId === ctx.genesis.chainId) throw new ChainError('GENESIS_INVALID_FIELD', 'hub.chainId: the Hub cannot be this chain', { field: 'hub.chainId' });
      putHubConfig(ctx.state, section);
    },
  };
}
