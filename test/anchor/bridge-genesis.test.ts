/**
 * The region genesis section "hub": parsed strictly by parseHubSection (every defect at its field),
 * derived from a Hub genesis, and matching what every Hub header names (validatorsHash).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { toHex } from '../../chain/codec/bytes.ts';
import { validatorSetFromGenesis } from '../../chain/block/validator-set.ts';
import { parseAnchorSection } from '../../chain/anchor/anchor-genesis.ts';
import { hubSectionFromHubGenesis, hubSectionJson, hubSectionOf, parseHubSection } from '../../chain/anchor/bridge-genesis.ts';
import { hubValidatorSet } from '../../chain/anchor/hub-proof.ts';
import { createRegionBridgeModule } from '../../chain/anchor/region-bridge-module.ts';
import { readHubConfig } from '../../chain/anchor/bridge-state.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { StateOverlay } from '../../chain/execution/state-overlay.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { expectDefect, loose, smallGenesis, textOf } from '../genesis/fixtures.ts';

const HUB_FILE = new URL('../../genesis/hub-testnet.json', import.meta.url);
const sections = { hub: parseHubSection };

describe('bridge genesis: the "hub" section', function () {
  this.timeout(60_000);

  const hubGenesis = parseGenesis(readFileSync(HUB_FILE, 'utf8'), { sections: { anchor: parseAnchorSection } });
  const json = hubSectionJson(hubGenesis);

  it("is derived from the Hub genesis and hashes to the Hub headers' validatorsHash", () => {
    expect(json.validators).to.have.length(100);
    const parsed = parseHubSection(json, 'hub');
    expect(parsed.chainId).to.equal('tfr-hub-1');
    expect(toHex(hubValidatorSet(parsed).hash)).to.equal(toHex(validatorSetFromGenesis(hubGenesis).hash));
    expect(toHex(hubValidatorSet(hubSectionFromHubGenesis(hubGenesis)).hash)).to.equal(toHex(validatorSetFromGenesis(hubGenesis).hash));
    expect(hubValidatorSet(parsed).totalPower).to.equal(100);
  });

  it('lands in genesis.app.hub, frozen; the region bridge copies it into state at genesis', async () => {
    const g = smallGenesis();
    loose(g)['hub'] = json;
    const region = parseGenesis(textOf(g), { sections });
    const hub = hubSectionOf(region)!;
    expect(hub.chainId).to.equal('tfr-hub-1');
    expect(Object.isFrozen(hub.validators[0])).to.equal(true);
    expect(hubSectionOf(parseGenesis(textOf(smallGenesis()), { sections }))).to.equal(undefined);
    const state = new StateOverlay({ get: async () => undefined });
    await createRegionBridgeModule().initGenesis!({ genesis: region, state, emit: () => undefined });
    const stored = (await readHubConfig(state))!;
    expect(toHex(hubValidatorSet(stored).hash)).to.equal(toHex(validatorSetFromGenesis(hubGenesis).hash));
    // a region cannot name itself as its Hub
    const self = { ...region, app: { hub: { ...hub, chainId: region.chainId } } };
    await expectCode(createRegionBridgeModule().initGenesis!({ genesis: self, state: new StateOverlay({ get: async () => undefined }), emit: () => undefined }), 'GENESIS_INVALID_FIELD');
  });

  it('reports every defect at its field', () => {
    const withHub = (edit: (h: Record<string, unknown> & { validators: Record<string, unknown>[] }) => void) => (g: object) => {
      const h = structuredClone(json) as unknown as Record<string, unknown> & { validators: Record<string, unknown>[] };
      edit(h);
      loose(g as never)['hub'] = h;
    };
    expectDefect(withHub((h) => delete h['chainId']), 'GENESIS_MISSING_FIELD', 'hub.chainId', { sections });
    expectDefect(withHub((h) => (h['chainId'] = 'Tfr_Hub')), 'GENESIS_INVALID_FIELD', 'hub.chainId', { sections });
    expectDefect(withHub((h) => (h['validators'] = [])), 'GENESIS_INVALID_FIELD', 'hub.validators', { sections });
    expectDefect(withHub((h) => (h['validators'] = [...h.validators, h.validators[0]!])), 'GENESIS_INVALID_FIELD', 'hub.validators', { sections });
    expectDefect(withHub((h) => (h.validators[3]!['publicKey'] = 'zz')), 'GENESIS_INVALID_FIELD', 'hub.validators[3].publicKey', { sections });
    expectDefect(withHub((h) => (h.validators[3]!['publicKey'] = '00'.repeat(32))), 'GENESIS_INVALID_FIELD', 'hub.validators[3].publicKey', { sections });
    expectDefect(withHub((h) => (h.validators[4]!['publicKey'] = h.validators[2]!['publicKey'])), 'GENESIS_DUPLICATE_VALUE', 'hub.validators[4].publicKey', { sections });
    expectDefect(withHub((h) => (h.validators[4]!['blsPublicKey'] = h.validators[2]!['blsPublicKey'])), 'GENESIS_DUPLICATE_VALUE', 'hub.validators[4].blsPublicKey', { sections });
    expectDefect(withHub((h) => (h.validators[5]!['blsPublicKey'] = 'ab')), 'GENESIS_INVALID_FIELD', 'hub.validators[5].blsPublicKey', { sections });
    expectDefect(withHub((h) => (h.validators[6]!['power'] = 0)), 'GENESIS_INVALID_FIELD', 'hub.validators[6].power', { sections });
    expectDefect(withHub((h) => (h.validators[6]!['power'] = 1.5)), 'GENESIS_INVALID_FIELD', 'hub.validators[6].power', { sections });
    expectDefect(withHub((h) => (h.validators[7]!['name'] = 'hub-8')), 'GENESIS_UNKNOWN_FIELD', 'hub.validators[7].name', { sections });
    expectDefect(withHub((h) => delete h.validators[8]!['power']), 'GENESIS_MISSING_FIELD', 'hub.validators[8].power', { sections });
    expectDefect(withHub((h) => (h['extra'] = 1)), 'GENESIS_UNKNOWN_FIELD', 'hub.extra', { sections });
    expectDefect((g) => void (loose(g)['hub'] = 'tfr-hub-1'), 'GENESIS_INVALID_FIELD', 'hub', { sections });
  });
});
