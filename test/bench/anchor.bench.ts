/**
 * Anchor benchmark (the Hub's certificate checks, chain/anchor/verify-certificate.ts):
 *
 * 1. Verification of one aggregate certificate by 67, 99 and 100 signers (sets of 99 and 100
 *    validators), with the public keys decoded and cached (as on a running Hub): the bitmap, the
 *    weight and one fast-aggregate-verify. Two figures per signer count, median of RUNS runs each:
 *    the signer set seen before (aggregate key cached: hash-to-curve + one pairing check) and a
 *    signer set not seen before (plus the sum of the signers' points). Goal <= 40 ms, flat in the
 *    number of signers. The cold first verification (decoding 99 keys) is printed for reference.
 * 2. Anchors/s: blocks of `anchor.submit` txs through applyBlock on LevelDB, one certificate per
 *    region per block for REGIONS regions (99 validators each, signed by 67..99 of them, a signer set
 *    that changes every certificate), each tx also ed25519-verified and charged its fee; median of
 *    RUNS blocks after a warm-up block. Without the mempool in front, every anchor pays its pairing
 *    inside the block (in a node, admission pays it and the block finds it in the cache).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { mainThreadVerifier } from '../../chain/tx/signature-verifier.ts';
import { parseAnchorSection } from '../../chain/anchor/anchor-genesis.ts';
import { submitParams } from '../../chain/anchor/anchor-params.ts';
import { createHubAnchorModule } from '../../chain/anchor/hub-anchor-module.ts';
import { clearCertificateCaches, verifyAggregateSignature } from '../../chain/anchor/verify-certificate.ts';
import { addressOf, HRP, makeGenesis, ONE, openTestChain, signedTx, testKey } from '../fixtures/test-chain.ts';
import { certificateOf, range, regionJson, regionKeys, setOf, signedAggregate } from '../anchor/hub-anchor-fixture.ts';
import { median, report, say } from './harness.ts';

const RUNS = 9;
const REGIONS = 10;
const INTERVAL = 50;

function timeMs(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function verificationBench(): void {
  const keys99 = regionKeys(99, 'bench-anchor');
  const keys100 = regionKeys(100, 'bench-anchor');
  const set99 = setOf(keys99);
  const set100 = setOf(keys100);
  clearCertificateCaches();
  const cold = timeMs(() => verifyAggregateSignature(signedAggregate(keys99, certificateOf('tfr-bench-1', 1, set99.hash), range(0, 67)), set99));
  report('anchor.verify.cold-99-keys', cold, 'ms', 'first verification: decodes the 67 signers\' keys');
  verifyAggregateSignature(signedAggregate(keys100, certificateOf('tfr-bench-1', 1, set100.hash)), set100); // decode the rest
  const cases = [
    { signers: 67, keys: keys99, set: set99 },
    { signers: 99, keys: keys99, set: set99 },
    { signers: 100, keys: keys100, set: set100 },
  ];
  for (const c of cases) {
    const seen: number[] = [];
    const fresh: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      // A signer set seen before: its aggregate key is cached.
      const indices = range(0, c.signers);
      const again = signedAggregate(c.keys, certificateOf('tfr-bench-1', 100 + run, c.set.hash), indices);
      verifyAggregateSignature(signedAggregate(c.keys, certificateOf('tfr-bench-1', 10_000 + run, c.set.hash), indices), c.set);
      const seenMs = timeMs(() => verifyAggregateSignature(again, c.set));
      // A signer set not seen before (rotated; for all signers, the cache is cleared instead).
      const rotated = c.signers === c.keys.length ? indices : indices.map((i) => (i + run + 1) % c.keys.length);
      const other = signedAggregate(c.keys, certificateOf('tfr-bench-1', 200 + run, c.set.hash), rotated);
      if (c.signers === c.keys.length) clearCertificateCaches();
      const freshMs = timeMs(() => verifyAggregateSignature(other, c.set));
      if (run > 0) {
        seen.push(seenMs);
        fresh.push(freshMs);
      }
    }
    report(`anchor.verify.${c.signers}-of-${c.keys.length}`, median(seen), 'ms', `signer set seen before; min ${Math.min(...seen).toFixed(1)}, max ${Math.max(...seen).toFixed(1)}`);
    report(`anchor.verify.${c.signers}-of-${c.keys.length}.new-signer-set`, median(fresh), 'ms', `aggregate key computed; min ${Math.min(...fresh).toFixed(1)}, max ${Math.max(...fresh).toFixed(1)}`);
  }
}

async function throughputBench(): Promise<void> {
  const keys = regionKeys(99, 'bench-anchor');
  const set = setOf(keys);
  const chainIds = Array.from({ length: REGIONS }, (_, i) => `tfr-bench-region-${i + 1}`);
  const funds = { TFT: ONE.muln(1_000_000), REGIONAL: ONE.muln(1_000_000) };
  const g = makeGenesis({ alice: funds, relayer: funds });
  // Regions share the validator keys (keys are unique within a region only): PoPs are checked once.
  const anchor = parseAnchorSection({ registrar: encodeAddress(HRP, addressOf(testKey('alice'))), regions: chainIds.map((id) => regionJson(id, keys)) }, 'anchor');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-anchor-'));
  const chain = await openTestChain({ genesis: { ...g, app: { anchor } }, kv: await openLevelKvStore(dir), verifier: mainThreadVerifier(), extraModules: [createHubAnchorModule()] });
  const relayer = testKey('relayer');
  let nonce = 0;
  try {
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const height = (run + 1) * INTERVAL;
      const txs = chainIds.map((id, r) => {
        const offset = (run * REGIONS + r) % 99;
        const signers = range(0, 67 + ((run + r) % 33)).map((i) => (i + offset) % 99);
        const aggregate = signedAggregate(keys, certificateOf(id, height, set.hash), signers);
        return signedTx(relayer, 'anchor', 'submit', submitParams.encode({ aggregate, update: null }), { nonce: nonce++ });
      });
      const t0 = performance.now();
      const applied = await chain.apply(txs);
      const ms = performance.now() - t0;
      const bad = applied.results.txs.find((t) => t.code !== 'OK');
      if (bad !== undefined) throw new Error(`an anchor failed: ${bad.code}`);
      if (run > 0) times.push(ms);
    }
    const m = median(times);
    report(`anchor.submit-block.${REGIONS}-anchors`, m, 'ms', `applyBlock on LevelDB; min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}`);
    report('anchor.anchors-per-second', (REGIONS * 1000) / m, 'anchors/s', 'one core, each pairing paid in the block');
  } finally {
    await chain.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runAnchorBench(): Promise<void> {
  say(`anchor: certificate verification (median of ${RUNS}), then ${REGIONS} regions x ${RUNS} blocks of anchor.submit`);
  verificationBench();
  await throughputBench();
}
