/**
 * DAO benchmark: closing a proposal that 10,000 farms voted on (10,000 farms of one node each, on
 * LevelDB). Per run: a proposal with two actions (update the DIY policy, set the DAO's parameters),
 * a block of 10,000 signed votes (alternating yes / no / abstain / yes, so it passes), then the
 * closing block at the end height — the tally, both actions, the deposit refund, the Merkle root
 * and the commit. Measured: applyBlock of the closing block (median of 5 runs after a warm-up),
 * and, beside it, of the block of 10,000 votes (signatures on the main thread, one core).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { addressBytesFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key, type Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { mainThreadVerifier } from '../../chain/tx/signature-verifier.ts';
import { createFarmingModule } from '../../dao/farming/farming-module.ts';
import { parseFarmingSection } from '../../dao/farming/farming-genesis.ts';
import { TEST_POLICIES } from '../../dao/farming/test-farms.ts';
import { createDaoModule } from '../../dao/governance/dao-module.ts';
import { parseDaoSection } from '../../dao/governance/dao-genesis.ts';
import { encodePropose, encodeVote } from '../../dao/governance/dao-params.ts';
import type { VoteChoice } from '../../dao/governance/dao-types.ts';
import type { PolicyFields } from '../../dao/farming/farming-types.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fastSignTx } from './fast-sign.ts';
import { median, report, say } from './harness.ts';
import { CHAIN_ID, genesisWithAccounts, HRP, MIN_FEE, openTestChain } from '../fixtures/test-chain.ts';

const RUNS = 5;
const FARMS = 10_000;
const GIB = 2 ** 30;
const MACHINE = { cru: 8, mru: 32 * GIB, sru: 1024 * GIB, hru: 4096 * GIB, publicIps: 1 };
const CHOICES: VoteChoice[] = ['yes', 'no', 'abstain', 'yes'];

function benchGenesis(owners: readonly Ed25519KeyPair[], nodes: readonly Ed25519KeyPair[]): Genesis {
  const funds = { TFT: new BN(0), REGIONAL: new BN(10).pow(new BN(15)) };
  const accounts = owners.map((k, i) => ({ name: `owner-${i + 1}`, addressBytes: addressBytesFromPublicKey(k.publicKey), balances: funds }));
  const farms = owners.map((o, f) => ({ name: `farm-${f + 1}`, owner: encodeAddress(HRP, addressBytesFromPublicKey(o.publicKey)), nodes: [{ nodeKey: toHex(nodes[f]!.publicKey), ...MACHINE }] }));
  const farming = parseFarmingSection({ periodBlocks: 1_000_000, policies: TEST_POLICIES, farms }, 'farming');
  const dao = parseDaoSection({ params: { minDeposit: '1000', minVotingPeriod: 2, maxVotingPeriod: 100 } }, 'dao');
  return { ...genesisWithAccounts(accounts, { region: 'bench' }), app: { farming, dao } };
}

export async function runDaoBench(): Promise<void> {
  say(`dao: ${RUNS} proposals, each voted by ${FARMS} farms, closed with 2 actions; LevelDB in a temp dir`);
  const owners = Array.from({ length: FARMS }, (_, i) => deriveEd25519Key('bench', `owner/${i + 1}`));
  const nodes = Array.from({ length: FARMS }, (_, i) => deriveEd25519Key('bench', `node/${i + 1}`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-dao-'));
  const genesis = benchGenesis(owners, nodes);
  const hrp = { addressPrefix: HRP };
  const chain = await openTestChain({ genesis, kv: await openLevelKvStore(dir), verifier: mainThreadVerifier(), extraModules: [createFarmingModule(hrp), createDaoModule(hrp)] });
  const nonces = new Array<number>(FARMS).fill(0);
  const tx = (i: number, command: string, params: CborValue) =>
    fastSignTx({ chainId: CHAIN_ID, sender: owners[i]!.publicKey, nonce: nonces[i]!++, fee: MIN_FEE, expiry: 1_000_000, body: { module: 'dao', command, params } }, owners[i]!);
  try {
    const closeTimes: number[] = [];
    const voteTimes: number[] = [];
    for (let run = -1; run < RUNS; run++) {
      const id = run + 2;
      const base = TEST_POLICIES[0]!;
      const policy = { ...base, cu: new BN(24_000_000 + id), su: new BN(base.su), nu: new BN(base.nu), ipv4: new BN(base.ipv4) } as PolicyFields;
      const params = { minDeposit: new BN(1000 + id), minVotingPeriod: 2, maxVotingPeriod: 100, quorum: 334, threshold: 500, veto: 334 };
      const proposed = await chain.apply([tx(0, 'propose', encodePropose({ title: `run ${id}`, description: '', votingPeriod: 2, deposit: new BN(1_000_000), actions: [{ kind: 'update-policy', policyId: 1, policy }, { kind: 'set-dao-params', params }] }))]);
      if (proposed.results.txs[0]?.code !== 'OK') throw new Error(`propose: ${proposed.results.txs[0]?.code}`);
      const pid = Number(proposed.results.txs[0]!.events.find((e) => e.name === 'proposed')!.data['id']);
      const votes = owners.map((_, i) => tx(i, 'vote', encodeVote({ proposalId: pid, farmId: i + 1, choice: CHOICES[i % CHOICES.length]! })));
      const t0 = performance.now();
      const voted = await chain.apply(votes);
      const voteMs = performance.now() - t0;
      const bad = voted.results.txs.find((r) => r.code !== 'OK');
      if (bad !== undefined) throw new Error(`a vote failed: ${bad.code}`);
      const t1 = performance.now();
      const closing = await chain.apply([]);
      const closeMs = performance.now() - t1;
      const closed = closing.results.blockEvents.find((e) => e.module === 'dao' && e.name === 'closed');
      if (closed?.data['status'] !== 'passed') throw new Error(`proposal ${pid} closed ${String(closed?.data['status'])}`);
      if (run >= 0) {
        closeTimes.push(closeMs);
        voteTimes.push(voteMs);
      }
    }
    report(`dao.close-proposal.${FARMS}-votes`, median(closeTimes), 'ms', `min ${Math.min(...closeTimes).toFixed(1)}, max ${Math.max(...closeTimes).toFixed(1)}`);
    report(`dao.vote-block.${FARMS}-votes`, median(voteTimes), 'ms', `${Math.round(FARMS / (median(voteTimes) / 1000))} votes/s, one core`);
  } finally {
    await chain.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
