/**
 * The Hub's `bridge` module (store prefix 0x11), TFT's side of the bridge:
 *
 * - `deposit [region, recipient, amount]`: locks `amount` TFT of the sender in the region's escrow
 *   (module account `bridge/<region>`) and records a TransferRecord (source = this Hub,
 *   destination = the region) that the region's `bridge.claim` proves. Only for a registered
 *   region whose bridge is not frozen.
 * - `release [region, anchoredHeight, record, proof]`: pays a region's withdrawal out of that
 *   region's escrow, once, when `proof` shows the record in the region's state at a certificate
 *   the Hub anchored (its stateRoot is the region state after block anchoredHeight - 1, so the
 *   withdrawal must be recorded below anchoredHeight).
 *
 * Every rule is checked in `verify` (as `anchor.submit` and `ledger.transfer` do): a deposit or
 * release that breaks one is an *invalid* tx — the mempool refuses it, a block carrying it is
 * rejected whole, nobody pays a fee, nothing changes. `execute` repeats the checks on its own state.
 * A region can never be paid more than was deposited for it: its escrow is the bound.
 */
import { toHex } from '../codec/bytes.ts';
import type { CborValue } from '../codec/cbor.ts';
import { ChainError, isChainError } from '../errors.ts';
import type { ChainModule, Command } from '../execution/module.ts';
import type { StateReader } from '../execution/state-access.ts';
import { transferFunds } from '../ledger/ledger-state.ts';
import { bridgeKeys, BRIDGE_STORE_PREFIX } from './anchor-keys.ts';
import { depositParams, releaseParams, type DepositParams, type ReleaseParams } from './anchor-params.ts';
import type { TransferRecord } from './bridge-records.ts';
import { BRIDGE_COMMANDS, BRIDGE_MODULE, decodeTransferRecord, escrowAddress, getClaim, putClaim, readAnchored, recordOutgoingTransfer, requireBalance, requireOpenRegion, requirePositive } from './bridge-state.ts';
import { decodeProof } from '../state/proof-codec.ts';
import { verifyProof } from '../state/verify-proof.ts';

/** Every rule of a deposit against `state`; throws the first broken rule's ChainError. */
async function checkDeposit(state: StateReader, sender: Uint8Array, p: DepositParams): Promise<void> {
  await requireOpenRegion(state, p.region);
  await requireBalance(state, sender, p.amount);
}

function depositCommand(): Command<DepositParams> {
  return {
    name: BRIDGE_COMMANDS.deposit,
    decodeParams(v: CborValue) {
      const p = depositParams.decode(v);
      requirePositive(p.amount);
      return p;
    },
    encodeParams: depositParams.encode,
    async verify(ctx, p) {
      await checkDeposit(ctx.state, ctx.tx.senderAddress, p);
    },
    async execute(ctx, p) {
      const { state, block, tx } = ctx;
      await checkDeposit(state, tx.senderAddress, p);
      await transferFunds(state, tx.senderAddress, escrowAddress(p.region), 'TFT', p.amount);
      const { record, sequence } = await recordOutgoingTransfer(state, block, { destination: p.region, sender: tx.senderAddress, recipient: p.recipient, amount: p.amount });
      ctx.emit('deposit', { id: toHex(record.id), region: p.region, sequence, sender: toHex(tx.senderAddress), recipient: toHex(p.recipient), amount: p.amount.toString() });
    },
  };
}

interface Release {
  readonly params: ReleaseParams;
  readonly record: TransferRecord;
}

/** Every rule of a release against `state` (the Hub is `hubChainId`), in the order of the README. */
async function checkRelease(state: StateReader, hubChainId: string, { params: p, record }: Release): Promise<void> {
  await requireOpenRegion(state, p.region);
  const anchored = await readAnchored(state, p.region, p.anchoredHeight);
  if (anchored === undefined) {
    throw new ChainError('BRIDGE_NOT_ANCHORED', `the Hub has anchored no certificate of ${JSON.stringify(p.region)} at height ${p.anchoredHeight}`, { region: p.region, anchoredHeight: p.anchoredHeight });
  }
  if (record.source !== p.region) throw new ChainError('BRIDGE_WRONG_CHAIN', `the transfer was sent by ${JSON.stringify(record.source)}, not by region ${JSON.stringify(p.region)}`, { source: record.source });
  if (record.destination !== hubChainId) {
    throw new ChainError('BRIDGE_WRONG_CHAIN', `the transfer is for ${JSON.stringify(record.destination)}, not this Hub (${JSON.stringify(hubChainId)})`, { destination: record.destination });
  }
  if (record.height >= p.anchoredHeight) {
    throw new ChainError('BRIDGE_NOT_ANCHORED', `the withdrawal was recorded at height ${record.height}: it needs a certificate above it, not ${p.anchoredHeight}`, { height: record.height, anchoredHeight: p.anchoredHeight });
  }
  let proved = false;
  try {
    proved = verifyProof(anchored.stateRoot, bridgeKeys.transfer(record.id), p.record, decodeProof(p.proof));
  } catch (e) {
    if (!isChainError(e)) throw e;
  }
  if (!proved) {
    throw new ChainError('BRIDGE_BAD_PROOF', `the proof does not show the transfer in the state of ${JSON.stringify(p.region)} anchored at height ${p.anchoredHeight}`, { region: p.region, anchoredHeight: p.anchoredHeight });
  }
  if ((await getClaim(state, record.id)) !== undefined) throw new ChainError('BRIDGE_ALREADY_CLAIMED', `transfer ${toHex(record.id)} was already released`, { id: toHex(record.id) });
  await requireBalance(state, escrowAddress(p.region), record.amount);
}

function releaseCommand(): Command<Release> {
  return {
    name: BRIDGE_COMMANDS.release,
    decodeParams(v: CborValue) {
      const params = releaseParams.decode(v);
      return { params, record: decodeTransferRecord(params.record) };
    },
    encodeParams: (r) => releaseParams.encode(r.params),
    async verify(ctx, r) {
      await checkRelease(ctx.state, ctx.block.chainId, r);
    },
    async execute(ctx, r) {
      const { state, block } = ctx;
      const { params: p, record } = r;
      await checkRelease(state, block.chainId, r);
      await transferFunds(state, escrowAddress(p.region), record.recipient, 'TFT', record.amount);
      putClaim(state, record.id, { recipient: record.recipient, amount: record.amount, height: block.height });
      ctx.emit('release', { id: toHex(record.id), region: p.region, anchoredHeight: p.anchoredHeight, recipient: toHex(record.recipient), amount: record.amount.toString() });
    },
  };
}

/** The Hub's bridge. It reads the `anchor` module's region records and certificates; it has no genesis state. */
export function createHubBridgeModule(): ChainModule {
  return { name: BRIDGE_MODULE, storePrefix: BRIDGE_STORE_PREFIX, commands: [depositCommand(), releaseCommand()] };
}
