/**
 * Farming benchmark: the block that closes a farming period on a chain of 10,000 nodes (100 farms
 * x 100 nodes), every node with uptime credited in the period, on LevelDB. Measured: applyBlock of
 * the (otherwise empty) closing block — the reward computation over every node, one credit per
 * farm, the reward records, the Merkle root and the one-batch commit — median of 5 periods after
 * one uncounted warm-up. The 10,000 uptime reports of each period go in the block before (signed
 * with node:crypto, not measured). Periods are 2 blocks (period 0, the warm-up, pays nobody: it
 * starts with block 1, the block of its reports); the closing block comes 1 ms after the
 * reports so every node has 1000 permille uptime and is paid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressBytesFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key, type Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import { executeBlock } from '../../chain/execution/execute-block.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { mainThreadVerifier } from '../../chain/tx/signature-verifier.ts';
import { createFarmingModule } from '../../dao/farming/farming-module.ts';
import { parseFarmingSection } from '../../dao/farming/farming-genesis.ts';
import { encodeReportUptime } from '../../dao/farming/farming-params.ts';
import { TEST_POLICIES } from '../../dao/farming/test-farms.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fastSignTx } from './fast-sign.ts';
import { median, report, say } from './harness.ts';
import { CHAIN_ID, commitFor, genesisWithAccounts, HRP, MIN_FEE, openTestChain } from '../fixtures/test-chain.ts';

const RUNS = 5;
const FARMS = 100;
const NODES_PER_FARM = 100;
const GIB = 2 ** 30;
const MACHINES = [
  { cru: 8, mru: 32 * GIB, sru: 1024 * GIB, hru: 4096 * GIB, publicIps: 1 },
  { cru: 16, mru: 64 * GIB, sru: 2048 * GIB, hru: 8192 * GIB, publicIps: 2 },
  { cru: 4, mru: 16 * GIB, sru: 512 * GIB, hru: 0, publicIps: 0 },
];

function benchGenesis(owners: readonly Ed25519KeyPair[], nodes: readonly Ed25519KeyPair[]): Genesis {
  const funds = { TFT: new BN(0), REGIONAL: new BN(10).pow(new BN(12)) };
  const accounts = nodes.map((k, i) => ({ name: `node-${i + 1}`, addressBytes: addressBytesFromPublicKey(k.publicKey), balances: funds }));
  const farms = owners.map((o, f) => ({
    name: `farm-${f + 1}`,
    owner: encodeAddress(HRP, addressBytesFromPublicKey(o.publicKey)),
    nodes: nodes.slice(f * NODES_PER_FARM, (f + 1) * NODES_PER_FARM).map((k, i) => ({ nodeKey: toHex(k.publicKey), ...MACHINES[i % MACHINES.length]! })),
  }));
  const farming = parseFarmingSection({ periodBlocks: 2, policies: TEST_POLICIES, farms }, 'farming');
  return { ...genesisWithAccounts(accounts, { region: 'bench' }), app: { farming } };
}

export async function runFarmingBench(): Promise<void> {
  const total = FARMS * NODES_PER_FARM;
  say(`farming: ${RUNS} period closes, ${FARMS} farms x ${NODES_PER_FARM} nodes, all with uptime, LevelDB in a temp dir`);
  const owners = Array.from({ length: FARMS }, (_, i) => deriveEd25519Key('bench', `owner/${i + 1}`));
  const nodes = Array.from({ length: total }, (_, i) => deriveEd25519Key('bench', `node/${i + 1}`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-farming-'));
  const genesis = benchGenesis(owners, nodes);
  const chain = await openTestChain({ genesis, kv: await openLevelKvStore(dir), verifier: mainThreadVerifier(), extraModules: [createFarmingModule({ addressPrefix: HRP })] });
  try {
    const times: number[] = [];
    let writes = 0;
    for (let run = -1; run < RUNS; run++) {
      const period = run + 1;
      // Each report adds 1000 s of uptime; 1 s has passed since the period opened: 1 s credited.
      const reports = nodes.map((k, i) => {
        const params = encodeReportUptime({ nodeId: i + 1, uptimeSeconds: 1000 * (period + 1), nuBytes: 2_000_000_000 });
        return fastSignTx({ chainId: CHAIN_ID, sender: k.publicKey, nonce: period, fee: MIN_FEE, expiry: 1_000_000, body: { module: 'farming', command: 'report-uptime', params } }, k);
      });
      const applied = await chain.apply(reports);
      const failed = applied.results.txs.find((r) => r.code !== 'OK');
      if (failed !== undefined) throw new Error(`a report failed: ${failed.code}`);
      const next = chain.next([]);
      const block = { ...next, header: { ...next.header, time: chain.store.tip().time + 1 } };
      const commit = commitFor(block);
      if (run === 0) {
        const h = block.header;
        writes = (await executeBlock(chain.ctx, chain.store.state, { chainId: h.chainId, height: h.height, time: h.time }, [])).changes.length;
      }
      const t0 = performance.now();
      const closed = await chain.applyWithCommit(block, commit);
      const ms = performance.now() - t0;
      const summary = closed.results.blockEvents.find((e) => e.name === 'period-closed');
      if (run >= 0 && summary?.data['nodesPaid'] !== total) throw new Error(`period ${period} paid ${String(summary?.data['nodesPaid'])} nodes, not ${total}`);
      if (run >= 0) times.push(ms);
    }
    report(`farming.close-period.${total}-nodes`, median(times), 'ms', `min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${writes} state writes`);
  } finally {
    await chain.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
