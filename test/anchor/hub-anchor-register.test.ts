import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { blsSign } from '../../chain/crypto/bls.ts';
import type { BlsKeyPair } from '../../chain/crypto/key-derivation.ts';
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import { getAnchorConfig, getRegion, listRegions } from '../../chain/anchor/hub-anchor-state.ts';
import { CHAIN_ID } from '../fixtures/test-chain.ts';
import { certificateOf, HubChain, OTHER_REGION, range, REGION, regionJson, regionKeys, setOf, signedAggregate, updateOf } from './hub-anchor-fixture.ts';

describe('anchor/hub-anchor: anchor.register', function () {
  this.timeout(120_000);
  let genesisKeys: BlsKeyPair[];
  let keys: BlsKeyPair[];
  let hub: HubChain;

  before(async () => {
    genesisKeys = regionKeys(4, 'genesis-region');
    keys = regionKeys(7, 'new-region');
    hub = await HubChain.open([regionJson(REGION, genesisKeys)]);
  });

  async function unchanged(f: () => Promise<void>): Promise<void> {
    const config = await hub.state.get(anchorKeys.config());
    await f();
    const after = await hub.state.get(anchorKeys.config());
    expect(toHex(after!)).to.equal(toHex(config!));
    expect(await getRegion(hub.state, OTHER_REGION)).to.equal(undefined);
  }

  it('someone other than the registrar: ANCHOR_NOT_REGISTRAR', async () => {
    await unchanged(() => hub.expectInvalid(hub.register(OTHER_REGION, updateOf(keys, 5), 'bob'), 'ANCHOR_NOT_REGISTRAR', 'bob'));
  });

  it('a chain id already registered, or the Hub\'s own: ANCHOR_REGION_EXISTS', async () => {
    await unchanged(() => hub.expectInvalid(hub.register(REGION, updateOf(keys, 5), 'alice'), 'ANCHOR_REGION_EXISTS', 'alice'));
    await unchanged(() => hub.expectInvalid(hub.register(CHAIN_ID, updateOf(keys, 5), 'alice'), 'ANCHOR_REGION_EXISTS', 'alice'));
  });

  it('a chain id that is no chain id: TX_BAD_PARAMS', async () => {
    await unchanged(() => hub.expectInvalid(hub.register('tab\there', updateOf(keys, 5), 'alice'), 'TX_BAD_PARAMS', 'alice'));
  });

  it('unsorted keys, duplicate keys, a zero weight, no validators: ANCHOR_BAD_VALIDATOR_SET', async () => {
    for (const u of [updateOf([...keys].reverse(), 5), updateOf([keys[0]!, ...keys], 5), updateOf(keys, 5, [1, 1, 0, 1, 1, 1, 1]), updateOf([], 1)]) {
      await unchanged(() => hub.expectInvalid(hub.register(OTHER_REGION, u, 'alice'), 'ANCHOR_BAD_VALIDATOR_SET', 'alice'));
    }
  });

  it('threshold 0, below W/3 + 1, above the total: ANCHOR_BAD_THRESHOLD', async () => {
    for (const threshold of [0, 2, 8]) {
      await unchanged(() => hub.expectInvalid(hub.register(OTHER_REGION, updateOf(keys, threshold), 'alice'), 'ANCHOR_BAD_THRESHOLD', 'alice'));
    }
  });

  it('a BLS key whose proof of possession fails: ANCHOR_BAD_POP', async () => {
    const u = updateOf(keys, 5);
    // Another key's proof, and a signature of the key under the message ciphersuite instead of the POP one.
    const swapped = { ...u, validators: u.validators.map((v, i) => (i === 3 ? { ...v, blsPop: keys[4]!.pop } : v)) };
    const wrongDst = { ...u, validators: u.validators.map((v, i) => (i === 6 ? { ...v, blsPop: blsSign(keys[6]!.secret, keys[6]!.publicKey) } : v)) };
    for (const bad of [swapped, wrongDst]) {
      await unchanged(() => hub.expectInvalid(hub.register(OTHER_REGION, bad, 'alice'), 'ANCHOR_BAD_POP', 'alice'));
    }
  });

  it('the registrar registers a region: record, config list, event; its certificates are then accepted', async () => {
    const set = setOf(keys);
    const applied = await hub.applyOk([hub.register(OTHER_REGION, updateOf(keys, set.threshold), 'alice')]);
    const event = applied.results.txs[0]!.events.find((e) => e.module === 'anchor');
    expect(event).to.deep.equal({ module: 'anchor', name: 'registered', data: { chainId: OTHER_REGION, validators: 7, threshold: 5, validatorsHash: toHex(set.hash) } });
    const r = await getRegion(hub.state, OTHER_REGION);
    expect([r!.validators.length, r!.threshold, r!.lastHeight, r!.registeredHeight, r!.frozen]).to.deep.equal([7, 5, 0, hub.height(), false]);
    expect((await getAnchorConfig(hub.state))!.regions).to.deep.equal([REGION, OTHER_REGION]);
    expect((await listRegions(hub.state)).map((x) => x.chainId)).to.deep.equal([REGION, OTHER_REGION]);
    await hub.applyOk([hub.submit(signedAggregate(keys, certificateOf(OTHER_REGION, 10, set.hash), range(0, 5)))]);
    expect((await getRegion(hub.state, OTHER_REGION))!.lastHeight).to.equal(10);
    // And registering it again is refused.
    await hub.expectInvalid(hub.register(OTHER_REGION, updateOf(keys, 5), 'alice'), 'ANCHOR_REGION_EXISTS', 'alice');
  });
});
