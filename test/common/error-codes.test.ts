import { expect } from 'chai';
import fs from 'node:fs';
import { ERROR_CODES } from '../../chain/error-codes.ts';
import { CODEC_ERRORS } from '../../chain/codec/codec-errors.ts';
import { CRYPTO_ERRORS } from '../../chain/crypto/crypto-errors.ts';
import { STATE_ERRORS } from '../../chain/state/state-errors.ts';
import { TX_ERRORS } from '../../chain/tx/tx-errors.ts';
import { EXEC_ERRORS } from '../../chain/execution/exec-errors.ts';
import { LEDGER_ERRORS } from '../../chain/ledger/ledger-errors.ts';
import { GENESIS_ERRORS } from '../../genesis/genesis-errors.ts';
import { CLI_ERRORS } from '../../rpc/cli/cli-errors.ts';
import { MEMPOOL_ERRORS } from '../../chain/mempool/mempool-errors.ts';
import { CONS_ERRORS } from '../../chain/consensus/consensus-errors.ts';
import { NODE_ERRORS, WAL_ERRORS } from '../../chain/ports/ports-errors.ts';
import { AMM_ERRORS } from '../../defi/pool-errors.ts';
import { DAO_ERRORS } from '../../dao/dao-errors.ts';
import { P2P_ERRORS, SYNC_ERRORS } from '../../chain/node/p2p/p2p-errors.ts';
import { ANCHOR_ERRORS } from '../../chain/anchor/anchor-errors.ts';
import { BRIDGE_ERRORS } from '../../chain/anchor/bridge-errors.ts';

const areas: Record<string, Record<string, string>> = {
  CODEC_: CODEC_ERRORS,
  CRYPTO_: CRYPTO_ERRORS,
  STATE_: STATE_ERRORS,
  TX_: TX_ERRORS,
  EXEC_: EXEC_ERRORS,
  LEDGER_: LEDGER_ERRORS,
  GENESIS_: GENESIS_ERRORS,
  MEMPOOL_: MEMPOOL_ERRORS,
  CONS_: CONS_ERRORS,
  WAL_: WAL_ERRORS,
  NODE_: NODE_ERRORS,
  AMM_: AMM_ERRORS,
  DAO_: DAO_ERRORS,
  P2P_: P2P_ERRORS,
  SYNC_: SYNC_ERRORS,
  ANCHOR_: ANCHOR_ERRORS,
  BRIDGE_: BRIDGE_ERRORS,
};

describe('error codes', () => {
  it('each area table uses its own prefix, so no code shadows another in the merged table', () => {
    let total = 0;
    for (const [prefix, table] of Object.entries(areas)) {
      for (const code of Object.keys(table)) expect(code.startsWith(prefix), code).to.equal(true);
      total += Object.keys(table).length;
    }
    expect(Object.keys(ERROR_CODES)).to.have.length(total);
  });

  it('the README lists every chain code with its meaning, and rpc/README.md every CLI code', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(readme, code).to.contain(`| \`${code}\` | ${meaning} |`);
    const rpcReadme = fs.readFileSync(new URL('../../rpc/README.md', import.meta.url), 'utf8');
    for (const code of Object.keys(CLI_ERRORS)) expect(rpcReadme, code).to.contain(`\`${code}\``);
  });
});
