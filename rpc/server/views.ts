/**
 * From the node's values to the RPC's JSON views (rpc/api/schemas.ts): hex for bytes, bech32m
 * for addresses, decimal strings for amounts, RFC 3339 for times.
 */
import { formatBaseUnits } from '../../chain/amount.ts';
import type { Block, BlockResults } from '../../chain/block/block.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import type { ValidatorSet } from '../../chain/block/validator-set.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import type { ChainEvent } from '../../chain/execution/events.ts';
import type { Account } from '../../chain/ledger/account.ts';
import type { DecodedTx } from '../../chain/tx/transaction.ts';
import type { BlockView, EventView } from '../api/schemas.ts';

export const isoTime = (ms: number): string => new Date(ms).toISOString();

export function eventView(e: ChainEvent): EventView {
  return { module: e.module, name: e.name, data: { ...e.data } };
}

export function txSummary(tx: DecodedTx, prefix: string) {
  return {
    sender: encodeAddress(prefix, tx.senderAddress),
    nonce: tx.nonce,
    fee: formatBaseUnits(tx.fee),
    expiry: tx.expiry,
    module: tx.body.module,
    command: tx.body.command,
  };
}

export function balancesView(a: Account) {
  return { TFT: formatBaseUnits(a.balances.TFT), REGIONAL: formatBaseUnits(a.balances.REGIONAL) };
}

function ref(set: ValidatorSet, index: number) {
  return { index, name: set.validators[index]?.name ?? '' };
}

export function blockView(block: Block, results: BlockResults | undefined, set: ValidatorSet): BlockView {
  const h = block.header;
  const proposerIndex = set.validators.findIndex((v) => toHex(v.publicKey) === toHex(h.proposer));
  const c = block.lastCommit;
  return {
    height: h.height,
    hash: toHex(blockHash(h)),
    header: {
      version: h.version,
      chainId: h.chainId,
      height: h.height,
      time: isoTime(h.time),
      parentHash: toHex(h.parentHash),
      stateRoot: toHex(h.stateRoot),
      txsHash: toHex(h.txsHash),
      lastResultsHash: toHex(h.lastResultsHash),
      proposer: toHex(h.proposer),
      proposerName: proposerIndex < 0 ? '' : (set.validators[proposerIndex]?.name ?? ''),
      lastCommitHash: toHex(h.lastCommitHash),
      evidenceHash: toHex(h.evidenceHash),
      validatorsHash: toHex(h.validatorsHash),
    },
    txs: (results?.txs ?? []).map((r) => ({ hash: toHex(r.hash), code: r.code })),
    lastCommit:
      c === null
        ? null
        : {
            height: c.height,
            round: c.round,
            blockHash: toHex(c.blockHash),
            signers: c.signatures.map((s) => ref(set, s.validator)),
            signedPower: c.signatures.reduce((n, s) => n + (set.validators[s.validator]?.power ?? 0), 0),
            totalPower: set.totalPower,
          },
    evidence: block.evidence.map((e) => ({
      validator: ref(set, e.a.validator),
      height: e.a.height,
      round: e.a.round,
      type: e.a.type,
      blockHashes: [e.a.blockHash, e.b.blockHash].map((b) => (b === null ? null : toHex(b))),
    })),
  };
}
