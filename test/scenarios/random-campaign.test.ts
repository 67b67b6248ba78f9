/**
 * The randomized fault campaign (random-campaign.ts): a few fixed seeds under `npm test`; with
 * TFR_LONG=1 (`npm run test:long`) seeds 1..TFR_SEEDS (default 1,000), or only TFR_SEED when set
 * (to replay one failing seed). Every failure names its seed.
 */
import { expect } from 'chai';
import { LIVENESS_HEIGHTS, runCampaign } from './random-campaign.ts';

const LONG = process.env.TFR_LONG === '1';
const ONE = process.env.TFR_SEED;

function seeds(): (number | string)[] {
  if (ONE !== undefined && ONE !== '') return [/^\d+$/.test(ONE) ? Number(ONE) : ONE];
  if (!LONG) return [1, 2, 3, 4, 5];
  const count = Number(process.env.TFR_SEEDS ?? 1_000);
  return Array.from({ length: count }, (_, i) => i + 1);
}

describe(`scenario: randomized fault campaign (${LONG ? 'long' : 'short'})`, function () {
  this.timeout(LONG ? 0 : 120_000);
  const list = seeds();
  let t0 = 0;
  const failed: string[] = [];
  before(() => {
    t0 = performance.now();
  });
  after(() => {
    const ms = performance.now() - t0;
    console.log(`      (${list.length} seeds in ${Math.round(ms)} ms wall, ${Math.round(ms / list.length)} ms a seed${failed.length > 0 ? `; FAILED seeds: ${failed.join(', ')}` : ''})`);
  });
  for (const seed of list) {
    it(`seed ${seed}: agreement, validity, ${LIVENESS_HEIGHTS} heights after healing`, async () => {
      try {
        const r = await runCampaign(seed);
        expect(r.finalHeight).to.be.at.least(r.healedAt + LIVENESS_HEIGHTS);
        if (!LONG) console.log(`      (n=${r.validators}, faulty [${r.faulty}], twins [${r.twins}], byzantine [${r.byzantine}], ${r.log.length - 3} fault events, healed at ${r.healedAt}, final ${r.finalHeight}, ${r.virtualMs} ms virtual)`);
      } catch (e) {
        failed.push(String(seed));
        console.log(`      FAILED seed ${seed}: replay with TFR_LONG=1 TFR_SEED=${seed} npm run test:long`);
        throw e;
      }
    });
  }
});
