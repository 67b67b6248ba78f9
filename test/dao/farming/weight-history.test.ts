import { expect } from 'chai';
import { StateOverlay } from '../../../chain/execution/state-overlay.ts';
import { currentTotalWeight, farmWeightBefore, recordFarmWeight, totalWeightBefore } from '../../../dao/farming/weight-history.ts';

const emptyState = () => new StateOverlay({ get: async () => undefined });

describe('farming: weight history', () => {
  it('farmWeightBefore(h) is the weight at the start of block h: changes in or after h never count', async () => {
    const s = emptyState();
    await recordFarmWeight(s, 1, 0, 100, 0); // genesis
    await recordFarmWeight(s, 1, 100, 300, 5);
    await recordFarmWeight(s, 2, 0, 50, 5);
    await recordFarmWeight(s, 1, 300, 400, 9);
    const farm1 = await Promise.all([0, 1, 5, 6, 9, 10, 1000].map((h) => farmWeightBefore(s, 1, h)));
    expect(farm1).to.deep.equal([0, 100, 100, 300, 300, 400, 400]);
    expect(await Promise.all([5, 6].map((h) => farmWeightBefore(s, 2, h)))).to.deep.equal([0, 50]);
    expect(await farmWeightBefore(s, 3, 100)).to.equal(0);
    expect(await Promise.all([0, 1, 5, 6, 9, 10].map((h) => totalWeightBefore(s, h)))).to.deep.equal([0, 100, 100, 350, 350, 450]);
    expect(await currentTotalWeight(s)).to.equal(450);
  });

  it('several changes in one block keep one checkpoint: the last', async () => {
    const s = emptyState();
    await recordFarmWeight(s, 1, 0, 100, 3);
    await recordFarmWeight(s, 1, 100, 250, 3);
    await recordFarmWeight(s, 1, 250, 200, 3);
    expect(await farmWeightBefore(s, 1, 3)).to.equal(0);
    expect(await farmWeightBefore(s, 1, 4)).to.equal(200);
    expect(await totalWeightBefore(s, 4)).to.equal(200);
    // One checkpoint record per list (key 0x03 0x0c farm points, 0x0e total points) plus the two counts.
    const keys = s.changes().map((c) => c.key[1]);
    expect(keys.sort()).to.deep.equal([0x0b, 0x0c, 0x0d, 0x0e]);
  });

  it('a change that leaves the weight alone writes nothing', async () => {
    const s = emptyState();
    await recordFarmWeight(s, 1, 70, 70, 3);
    expect(s.changes()).to.deep.equal([]);
  });

  it('binary search over many checkpoints', async () => {
    const s = emptyState();
    let w = 0;
    for (let h = 1; h <= 200; h += 2) {
      await recordFarmWeight(s, 1, w, h * 10, h);
      w = h * 10;
    }
    for (const h of [1, 2, 3, 4, 100, 101, 102, 199, 200, 5000]) {
      // The last odd height below h, times 10 (0 when none).
      const last = h <= 1 ? 0 : (h % 2 === 0 ? h - 1 : h - 2) * 10;
      expect(await farmWeightBefore(s, 1, h), `height ${h}`).to.equal(Math.min(last, 1990));
    }
  });
});
