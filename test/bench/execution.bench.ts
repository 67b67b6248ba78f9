/**
 * Execution benchmark: blocks of 1,000 and 10,000 signed transfers (each from its own sender)
 * through applyBlock on LevelDB — tx decoding, signature checks, ledger execution, the Merkle
 * root and the one-batch commit — as tx/s, median of 5 blocks per size. Run once with signatures
 * checked on the main thread (one core), once on libuv's thread pool (UV_THREADPOOL_SIZE=2).
 * One more block per size runs first to warm the JIT up; it is not counted.
 * Signing the txs is not measured (clients sign).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key, type Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { mainThreadVerifier, threadPoolVerifier, type SignatureVerifier } from '../../chain/tx/signature-verifier.ts';
import { amountToBytes } from '../../chain/amount.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fastSignTx } from './fast-sign.ts';
import { median, report, say } from './harness.ts';
import { CHAIN_ID, commitFor, genesisWithAccounts, MIN_FEE, openTestChain } from '../fixtures/test-chain.ts';

const RUNS = 5;
// BENCH_SIZES=1000,10000 picks the block sizes (for profiling one size).
const SIZES = process.env['BENCH_SIZES'] ? process.env['BENCH_SIZES'].split(',').map(Number) : [1_000, 10_000];
const SENDERS = 10_000;
const FUNDS = new BN(10).pow(new BN(15));

function benchGenesis(keys: readonly Ed25519KeyPair[]): Genesis {
  const accounts = keys.map((k, i) => ({ name: `sender-${i}`, addressBytes: addressBytesFromPublicKey(k.publicKey), balances: { TFT: FUNDS, REGIONAL: FUNDS } }));
  return genesisWithAccounts(accounts, { region: 'bench' });
}

async function runSeries(label: string, verifier: SignatureVerifier, keys: readonly Ed25519KeyPair[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-exec-'));
  const chain = await openTestChain({ genesis: benchGenesis(keys), kv: await openLevelKvStore(dir), verifier });
  const nonces = new Array<number>(keys.length).fill(0);
  try {
    for (const size of SIZES) {
      const rates: number[] = [];
      for (let run = -1; run < RUNS; run++) {
        const txs = keys.slice(0, size).map((k, i) => {
          const to = addressBytesFromPublicKey(keys[(i + 2 + run) % keys.length]!.publicKey);
          const unsigned = { chainId: CHAIN_ID, sender: k.publicKey, nonce: nonces[i]!, fee: MIN_FEE, expiry: 1_000_000, body: { module: 'ledger', command: 'transfer', params: [to, 'TFT', amountToBytes(new BN(2 + run))] } };
          nonces[i]!++;
          return fastSignTx(unsigned, k);
        });
        const block = chain.next(txs);
        const commit = commitFor(block);
        const t0 = performance.now();
        const applied = await chain.applyWithCommit(block, commit);
        const ms = performance.now() - t0;
        if (applied.results.txs.some((r) => r.code !== 'OK')) throw new Error('a benchmark transfer failed');
        if (run >= 0) rates.push((size / ms) * 1000); // run -1 warms the JIT up and is not counted
      }
      report(`execution.transfers.${size}.${label}`, median(rates), 'tx/s', `min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}`);
    }
  } finally {
    await chain.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runExecutionBench(): Promise<void> {
  say(`execution: ${RUNS} blocks per size, ${SENDERS} funded senders, LevelDB in a temp dir`);
  const keys = Array.from({ length: SENDERS }, (_, i) => deriveEd25519Key('bench', `sender/${i}`));
  await runSeries('main-thread', mainThreadVerifier(), keys);
  await runSeries('thread-pool-2', threadPoolVerifier(), keys);
}
