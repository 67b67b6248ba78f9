/**
 * Every error code of the chain, with what it means. One table per area, merged here, so each
 * area owns its codes and the README can list them all (a test checks it does).
 */
import { CODEC_ERRORS } from './codec/codec-errors.ts';
import { CRYPTO_ERRORS } from './crypto/crypto-errors.ts';
import { STATE_ERRORS } from './state/state-errors.ts';
import { TX_ERRORS } from './tx/tx-errors.ts';
import { EXEC_ERRORS } from './execution/exec-errors.ts';
import { LEDGER_ERRORS } from './ledger/ledger-errors.ts';
import { GENESIS_ERRORS } from '../genesis/genesis-errors.ts';
import { MEMPOOL_ERRORS } from './mempool/mempool-errors.ts';
import { CONS_ERRORS } from './consensus/consensus-errors.ts';
import { NODE_ERRORS, WAL_ERRORS } from './ports/ports-errors.ts';
import { AMM_ERRORS } from '../defi/pool-errors.ts';
import { DAO_ERRORS } from '../dao/dao-errors.ts';
import { P2P_ERRORS, SYNC_ERRORS } from './node/p2p/p2p-errors.ts';
import { ANCHOR_ERRORS } from './anchor/anchor-errors.ts';
import { BRIDGE_ERRORS } from './anchor/bridge-errors.ts';

export const ERROR_CODES = {
  ...CODEC_ERRORS,
  ...CRYPTO_ERRORS,
  ...STATE_ERRORS,
  ...TX_ERRORS,
  ...EXEC_ERRORS,
  ...LEDGER_ERRORS,
  ...GENESIS_ERRORS,
  ...MEMPOOL_ERRORS,
  ...CONS_ERRORS,
  ...WAL_ERRORS,
  ...NODE_ERRORS,
  ...AMM_ERRORS,
  ...DAO_ERRORS,
  ...P2P_ERRORS,
  ...SYNC_ERRORS,
  ...ANCHOR_ERRORS,
  ...BRIDGE_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
