import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { isChainError } from '../../chain/errors.ts';
import type { BlsKeyPair } from '../../chain/crypto/key-derivation.ts';
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import { parseAnchorSection, type AnchorGenesis } from '../../chain/anchor/anchor-genesis.ts';
import { anchorStateKeys, getAnchorConfig, getRegion } from '../../chain/anchor/hub-anchor-state.ts';
import { createHubAnchorModule } from '../../chain/anchor/hub-anchor-module.ts';
import { addressOf, CHAIN_ID, HRP, makeGenesis, ONE, openTestChain, signedTx, testKey } from '../fixtures/test-chain.ts';
import { registerParams } from '../../chain/anchor/anchor-params.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { OTHER_REGION, REGION, regionJson, regionKeys, setOf, updateOf, HubChain } from './hub-anchor-fixture.ts';

interface Issue {
  code: string;
  field: string;
}

function issuesOf(value: unknown): Issue[] {
  try {
    parseAnchorSection(value, 'anchor');
  } catch (e) {
    if (!isChainError(e)) throw e;
    return ((e.details?.['issues'] as Issue[] | undefined) ?? [{ code: e.code, field: String(e.details?.['field']) }]).map((i) => ({ code: i.code, field: i.field }));
  }
  return [];
}

describe('anchor/hub-anchor: genesis section and state', function () {
  this.timeout(120_000);
  let keys: BlsKeyPair[];
  const registrar = () => encodeAddress(HRP, addressOf(testKey('alice')));

  before(() => {
    keys = regionKeys(5, 'genesis-test');
  });

  it('parses regions, sorting validators ascending by key (the file may list them in any order)', () => {
    const section = parseAnchorSection({ registrar: registrar(), regions: [regionJson(REGION, [...keys].reverse()), regionJson(OTHER_REGION, keys, 5, [1, 1, 1, 1, 3])] }, 'anchor');
    expect(section.registrar).to.equal(registrar());
    expect(section.regions.map((r) => r.chainId)).to.deep.equal([REGION, OTHER_REGION]);
    expect(toHex(section.regions[0]!.set.hash)).to.equal(toHex(setOf(keys).hash));
    expect(section.regions[0]!.set.threshold).to.equal(4);
    expect(section.regions[1]!.set.totalWeight).to.equal(7);
    expect(parseAnchorSection({ registrar: registrar() }, 'anchor').regions).to.deep.equal([]);
  });

  it('reports every defect at its field with the genesis codes', () => {
    const region = regionJson(REGION, keys) as { validators: { blsPublicKey: string; blsPop: string; weight: number }[] };
    const v = region.validators;
    const badPop = { ...region, validators: v.map((x, i) => (i === 2 ? { ...x, blsPop: v[3]!.blsPop } : x)) };
    expect(issuesOf({ registrar: registrar(), regions: [badPop] })).to.deep.equal([{ code: 'GENESIS_BAD_POP', field: 'anchor.regions[0].validators[2].blsPop' }]);
    const badKey = { ...region, validators: v.map((x, i) => (i === 1 ? { ...x, blsPublicKey: 'ff'.repeat(48) } : x)) };
    expect(issuesOf({ registrar: registrar(), regions: [badKey] })).to.deep.equal([{ code: 'GENESIS_INVALID_FIELD', field: 'anchor.regions[0].validators[1].blsPublicKey' }]);
    const dupKey = { ...region, validators: [...v, v[0]!] };
    expect(issuesOf({ registrar: registrar(), regions: [dupKey] })).to.deep.equal([{ code: 'GENESIS_DUPLICATE_VALUE', field: 'anchor.regions[0].validators[5].blsPublicKey' }]);
    expect(issuesOf({ registrar: registrar(), regions: [region, region] })).to.deep.equal([{ code: 'GENESIS_DUPLICATE_VALUE', field: 'anchor.regions[1].chainId' }]);
    for (const threshold of [0, 1, 6]) {
      const codes = issuesOf({ registrar: registrar(), regions: [{ ...region, threshold }] });
      expect(codes, `threshold ${threshold}`).to.deep.equal([{ code: 'GENESIS_INVALID_FIELD', field: 'anchor.regions[0].threshold' }]);
    }
    expect(issuesOf({ registrar: registrar(), regions: [{ ...region, validators: [] }] })).to.deep.equal([{ code: 'GENESIS_INVALID_FIELD', field: 'anchor.regions[0].validators' }]);
    expect(issuesOf({ registrar: registrar(), regions: [{ ...region, validators: v.map((x, i) => (i === 0 ? { ...x, weight: 0 } : x)) }] })).to.deep.equal([
      { code: 'GENESIS_INVALID_FIELD', field: 'anchor.regions[0].validators[0].weight' },
    ]);
    expect(issuesOf({ registrar: registrar(), regions: [{ ...region, chainId: 'bad\nid' }] })).to.deep.equal([{ code: 'GENESIS_INVALID_FIELD', field: 'anchor.regions[0].chainId' }]);
    expect(issuesOf({ registrar: registrar(), regions: [{ ...region, extra: 1 }] })).to.deep.equal([{ code: 'GENESIS_UNKNOWN_FIELD', field: 'anchor.regions[0].extra' }]);
    expect(issuesOf({ regions: [] })).to.deep.equal([{ code: 'GENESIS_MISSING_FIELD', field: 'anchor.registrar' }]);
    expect(issuesOf({ registrar: 'not an address' })).to.deep.equal([{ code: 'GENESIS_INVALID_ADDRESS', field: 'anchor.registrar' }]);
    expect(issuesOf({ registrar: registrar(), regions: {} })).to.deep.equal([{ code: 'GENESIS_INVALID_FIELD', field: 'anchor.regions' }]);
    expect(issuesOf([])).to.deep.equal([{ code: 'GENESIS_INVALID_FIELD', field: 'anchor' }]);
  });

  it('initGenesis stores the registrar and registers the regions at height 0 under the contract keys', async () => {
    const hub = await HubChain.open([regionJson(REGION, keys), regionJson(OTHER_REGION, keys.slice(0, 3))]);
    const config = await getAnchorConfig(hub.state);
    expect(toHex(config!.registrar)).to.equal(toHex(addressOf(testKey('alice'))));
    expect(config!.regions).to.deep.equal([REGION, OTHER_REGION]);
    const r = await getRegion(hub.state, OTHER_REGION);
    expect([r!.validators.length, r!.threshold, r!.registeredHeight]).to.deep.equal([3, 3, 0]);
    expect(await hub.state.get(anchorKeys.region(OTHER_REGION))).to.not.equal(undefined);
  });

  it('refuses a registrar of another prefix (GENESIS_INVALID_ADDRESS) and a region with the Hub\'s chain id', async () => {
    const g = makeGenesis({ alice: { TFT: ONE, REGIONAL: ONE } });
    const open = (anchor: AnchorGenesis) => openTestChain({ genesis: { ...g, app: { anchor } }, extraModules: [createHubAnchorModule()] });
    const other = parseAnchorSection({ registrar: encodeAddress('other', addressOf(testKey('alice'))) }, 'anchor');
    await open(other).then(
      () => expect.fail('opened'),
      (e: unknown) => expect(isChainError(e) && e.code).to.equal('GENESIS_INVALID_ADDRESS'),
    );
    const self = parseAnchorSection({ registrar: registrar(), regions: [regionJson(CHAIN_ID, keys)] }, 'anchor');
    await open(self).then(
      () => expect.fail('opened'),
      (e: unknown) => expect(isChainError(e) && e.code).to.equal('GENESIS_INVALID_FIELD'),
    );
  });

  it('without an anchor section nobody is registrar: ANCHOR_NOT_REGISTRAR', async () => {
    const g = makeGenesis({ alice: { TFT: ONE.muln(1000), REGIONAL: ONE.muln(1000) } });
    const chain = await openTestChain({ genesis: g, extraModules: [createHubAnchorModule()] });
    const tx = signedTx(testKey('alice'), 'anchor', 'register', registerParams.encode({ chainId: REGION, ...updateOf(keys, 4) }), { nonce: 0 });
    await chain.apply([tx]).then(
      () => expect.fail('applied'),
      (e: unknown) => expect(isChainError(e) && e.details?.['reason']).to.equal('ANCHOR_NOT_REGISTRAR'),
    );
  });

  it('typed state keys are exactly the contract keys of anchor-keys.ts', () => {
    for (const id of ['a', REGION, 'x'.repeat(64)]) {
      expect(toHex(anchorStateKeys.region(id))).to.equal(toHex(anchorKeys.region(id)));
      for (const h of [0, 1, 50, 2 ** 40]) {
        expect(toHex(anchorStateKeys.certificate(id, h))).to.equal(toHex(anchorKeys.certificate(id, h)));
        expect(toHex(anchorStateKeys.fork(id, h))).to.equal(toHex(anchorKeys.fork(id, h)));
      }
    }
    expect(toHex(anchorStateKeys.config())).to.equal(toHex(anchorKeys.config()));
    expect(codeOf(() => parseAnchorSection(null, 'anchor'))).to.equal('GENESIS_INVALID_FIELD');
  });
});
