/**
 * Consensus latency of the 99 validators of genesis/testnet.json in one process, set up exactly
 * as `tfr testnet` runs them (own LevelDB, file WAL and signer-state file each, real timers, the
 * in-process network): per height, from the moment the proposer signed its proposal to the moment
 * the 67th validator decided (the block is committed once +2/3 have it). Median and p99 over the
 * measured heights, with empty blocks and with blocks of 1,000 transfers (handed to the proposer's
 * mempool, shared by the process's validators, as clients would send them; execution is shared too).
 * The block interval also includes the genesis commit pause (`commitMs`).
 */
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { amountToBytes } from '../../chain/amount.ts';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { signTx } from '../../chain/tx/sign-tx.ts';
import { encodeSignedTx } from '../../chain/tx/tx-codec.ts';
import { SILENT_LOGGER } from '../../chain/ports/silent-logger.ts';
import { startTestnet, type Testnet } from '../../chain/node/testnet.ts';
import { proposerFor } from '../../chain/consensus/proposer.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { TESTNET_SEED, TEST_ACCOUNT_NAMES, testAccountKey } from '../../genesis/test-accounts.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { median, percentile, report, say } from './harness.ts';

const HEIGHTS = Number(process.env['BENCH_HEIGHTS'] ?? 20);
const WARMUP = 2;

/** Collects, per height, the proposal time and the decision times of all validators. */
function latencies(testnet: Testnet): { byHeight: Map<number, { proposed?: number; decided: number[] }> } {
  const byHeight = new Map<number, { proposed?: number; decided: number[] }>();
  const entry = (h: number) => byHeight.get(h) ?? byHeight.set(h, { decided: [] }).get(h)!;
  for (const node of testnet.nodes) {
    node.driver.onEvent((e) => {
      if (e.kind === 'proposal-signed' && e.round === 0) entry(e.height).proposed ??= e.at;
      if (e.kind === 'decided') entry(e.height).decided.push(e.at);
    });
  }
  return { byHeight };
}

async function runSeries(label: string, genesis: Genesis, txsPerBlock: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-consensus-'));
  const testnet = await startTestnet({ genesis, seed: TESTNET_SEED, dataDir: dir, logger: SILENT_LOGGER });
  const { byHeight } = latencies(testnet);
  const senders = TEST_ACCOUNT_NAMES.map((n) => testAccountKey(TESTNET_SEED, n));
  const nonces = new Array<number>(senders.length).fill(0);
  const target = WARMUP + HEIGHTS;
  const validators = testnet.nodes[0]!.store.tip() && genesis.validators.map((v) => ({ publicKey: v.publicKey, power: v.power }));
  // During the commit pause after height h, hand the proposer of h + 1 a block's worth of transfers.
  const feed = async (h: number): Promise<void> => {
    const next = h + 1;
    const proposer = proposerFor(validators, next, 0);
    const node = testnet.nodes.find((n) => n.ownIndex === proposer)!;
    for (let spins = 0; node.store.tip().height < h && spins < 1000; spins++) await new Promise((r) => setTimeout(r, 1));
    for (let i = 0; i < txsPerBlock; i++) {
      const s = i % senders.length;
      const key = senders[s]!;
      const to = addressBytesFromPublicKey(senders[(s + 1) % senders.length]!.publicKey);
      const tx = signTx({ chainId: genesis.chainId, sender: key.publicKey, nonce: nonces[s]!++, fee: genesis.ledger.minFee, expiry: next + 100, body: { module: 'ledger', command: 'transfer', params: [to, 'TFT', amountToBytes(new BN(1))] } }, key.secret);
      await node.mempool.add(encodeSignedTx(tx));
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      testnet.nodes[0]!.driver.onEvent((e) => {
        if (e.kind !== 'decided') return;
        if (e.height >= target) return resolve();
        if (txsPerBlock > 0) feed(e.height).catch(reject);
      });
    });
    const measured = [...byHeight.entries()].filter(([h, v]) => h > WARMUP && h <= target && v.proposed !== undefined && v.decided.length >= 67);
    const lat = measured.map(([, v]) => [...v.decided].sort((a, b) => a - b)[66]! - v.proposed!);
    report(`consensus.latency.${label}.median`, median(lat), 'ms', `${lat.length} heights, proposal signed -> 67th decision`);
    report(`consensus.latency.${label}.p99`, percentile(lat, 99), 'ms');
  } finally {
    await testnet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runConsensusBench(): Promise<void> {
  const genesis = parseGenesis(fs.readFileSync(new URL('../../genesis/testnet.json', import.meta.url), 'utf8'), { sections: regionGenesisSections() });
  say(`consensus: 99 validators in one process (LevelDB, file WAL and signer state each), ${HEIGHTS} heights after ${WARMUP} warm-up, commit pause ${genesis.consensus.timeouts.commitMs} ms`);
  await runSeries('empty-blocks', genesis, 0);
  await runSeries('1000-transfer-blocks', genesis, 1000);
}
