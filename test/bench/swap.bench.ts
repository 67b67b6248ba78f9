/**
 * Swap benchmark: blocks of 1,000 and 10,000 signed `pool/swap-exact-in` txs (each from its own
 * sender, alternating TFT -> regional and back) through applyBlock on LevelDB — decoding, signature
 * checks on the main thread (one core), nonce and fee, the swap with its invariant check, the oracle
 * update, the Merkle root and the one-batch commit — as tx/s, median of 5 blocks per size after one
 * uncounted warm-up block. Signing the txs is not measured (clients sign).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key, type Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { mainThreadVerifier } from '../../chain/tx/signature-verifier.ts';
import { encodeSwapExactIn } from '../../defi/pool-params.ts';
import { createPoolModule } from '../../defi/pool-module.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fastSignTx } from './fast-sign.ts';
import { median, report, say } from './harness.ts';
import { CHAIN_ID, commitFor, genesisWithAccounts, MIN_FEE, openTestChain } from '../fixtures/test-chain.ts';
import { poolSection } from '../fixtures/pool-chain.ts';

const RUNS = 5;
const SIZES = process.env['BENCH_SIZES'] ? process.env['BENCH_SIZES'].split(',').map(Number) : [1_000, 10_000];
const SENDERS = 10_000;
const FUNDS = new BN(10).pow(new BN(15));
const RESERVE = new BN(10).pow(new BN(20));

function benchGenesis(keys: readonly Ed25519KeyPair[]): Genesis {
  const accounts = keys.map((k, i) => ({ name: `sender-${i}`, addressBytes: addressBytesFromPublicKey(k.publicKey), balances: { TFT: FUNDS, REGIONAL: FUNDS } }));
  const g = genesisWithAccounts(accounts, { region: 'bench' });
  return { ...g, app: { pool: poolSection({ reserves: { TFT: RESERVE, REGIONAL: RESERVE.muln(10) } }) } };
}

export async function runSwapBench(): Promise<void> {
  say(`swap: ${RUNS} blocks per size, ${SENDERS} funded senders, swap-exact-in, signatures on the main thread, LevelDB in a temp dir`);
  const keys = Array.from({ length: SENDERS }, (_, i) => deriveEd25519Key('bench', `sender/${i}`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-swap-'));
  const genesis = benchGenesis(keys);
  const chain = await openTestChain({ genesis, kv: await openLevelKvStore(dir), verifier: mainThreadVerifier(), extraModules: [createPoolModule({ addressPrefix: genesis.addressPrefix })] });
  const nonces = new Array<number>(keys.length).fill(0);
  try {
    for (const size of SIZES) {
      const rates: number[] = [];
      for (let run = -1; run < RUNS; run++) {
        const txs = keys.slice(0, size).map((k, i) => {
          const assetIn = (i + run) % 2 === 0 ? 'TFT' : 'REGIONAL';
          const params = encodeSwapExactIn({ assetIn, amountIn: new BN(assetIn === 'TFT' ? 1_000_000 + i : 10_000_000 + i), minAmountOut: new BN(1), deadline: 1_000_000 });
          const unsigned = { chainId: CHAIN_ID, sender: k.publicKey, nonce: nonces[i]!, fee: MIN_FEE, expiry: 1_000_000, body: { module: 'pool', command: 'swap-exact-in', params } };
          nonces[i]!++;
          return fastSignTx(unsigned, k);
        });
        const block = chain.next(txs);
        const commit = commitFor(block);
        const t0 = performance.now();
        const applied = await chain.applyWithCommit(block, commit);
        const ms = performance.now() - t0;
        const failed = applied.results.txs.find((r) => r.code !== 'OK');
        if (failed !== undefined) throw new Error(`a benchmark swap failed: ${failed.code}`);
        if (run >= 0) rates.push((size / ms) * 1000);
      }
      report(`swap.exact-in.${size}.main-thread`, median(rates), 'tx/s', `min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}`);
    }
  } finally {
    await chain.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
