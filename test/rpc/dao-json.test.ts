/**
 * The action JSON form of the SDK (rpc/client/dao-json.ts): round trips for every kind, optional
 * limits, and clear errors (code and field path) for malformed input, including the chain's own
 * stateless checks.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { isChainError } from '../../chain/errors.ts';
import { encodeAction } from '../../dao/governance/dao-params.ts';
import type { ProposalAction } from '../../dao/governance/dao-types.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { ACTION_KINDS, actionFromJson, actionsFromJson, actionToJson, thousandths, toAction } from '../../rpc/client/dao-json.ts';
import { everyAction } from '../fixtures/fake-dao-port.ts';

const PREFIX = 'fake';
const CAROL = addressFromPublicKey(PREFIX, testAccountKey(TESTNET_SEED, 'carol').publicKey);
const bytesOf = (a: ProposalAction): string => Buffer.from(encodeCbor(encodeAction(a))).toString('hex');

function expectCode(f: () => unknown, code: string, message?: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(isChainError(e), String(e)).to.equal(true);
    expect((e as { code: string }).code, (e as Error).message).to.equal(code);
    if (message !== undefined) expect((e as Error).message).to.match(message);
    return;
  }
  expect.fail(`expected ${code}`);
}

const POLICY = { name: 'gold', cu: '3000', su: '1250', nu: '38', ipv4: '6', minimalUptime: 950, policyEnd: 0, immutable: false, default: true, nodeCertification: 'certified', farmCertification: 'gold' };

describe('rpc/client: action JSON', () => {
  it('every kind round-trips typed -> JSON -> typed and JSON -> typed -> JSON, through real JSON text', () => {
    const actions = everyAction();
    expect(actions.map((a) => a.kind)).to.deep.equal([...ACTION_KINDS]);
    for (const a of actions) {
      const json = JSON.parse(JSON.stringify(actionToJson(a, PREFIX))) as unknown;
      const back = actionFromJson(json, PREFIX);
      expect(bytesOf(back), a.kind).to.equal(bytesOf(a));
      expect(actionToJson(back, PREFIX), a.kind).to.deep.equal(json);
    }
    expect(actionToJson(actions[8]!, PREFIX)).to.deep.equal({ kind: 'treasury-spend', to: CAROL, asset: 'REGIONAL', amount: '10000000000' });
  });

  it('the JSON forms of every kind, by hand', () => {
    const cases: unknown[] = [
      { kind: 'add-policy', policy: POLICY },
      { kind: 'update-policy', policyId: 3, policy: { ...POLICY, immutable: true, policyEnd: 900 } },
      { kind: 'attach-policy', farmId: 1, policyId: 2, limits: { cuMilli: 1000, suMilli: 2000, nodeCount: 5, end: 700, nodeCertification: true } },
      { kind: 'detach-policy', farmId: 1 },
      { kind: 'set-farm-certification', farmId: 4, certification: 'notCertified' },
      { kind: 'set-node-certification', nodeId: 9, certification: 'diy' },
      { kind: 'set-pool-fee', feeBps: 0 },
      { kind: 'set-dao-params', params: { minDeposit: '1', minVotingPeriod: 10, maxVotingPeriod: 20, quorum: 1000, threshold: 1, veto: 500 } },
      { kind: 'treasury-spend', to: CAROL, asset: 'TFT', amount: '340282366920938463463374607431768211455' },
    ];
    for (const json of cases) expect(actionToJson(actionFromJson(json, PREFIX), PREFIX)).to.deep.equal(json);
    const spend = actionFromJson(cases[8], PREFIX) as Extract<ProposalAction, { kind: 'treasury-spend' }>;
    expect(spend.amount.eq(new BN(1).shln(128).subn(1))).to.equal(true);
    expect(spend.to).to.have.length(20);
  });

  it('limits are optional on input: null, and false for nodeCertification', () => {
    const none = actionFromJson({ kind: 'attach-policy', farmId: 1, policyId: 2 }, PREFIX);
    expect(actionToJson(none, PREFIX)).to.deep.equal({ kind: 'attach-policy', farmId: 1, policyId: 2, limits: { cuMilli: null, suMilli: null, nodeCount: null, end: null, nodeCertification: false } });
    const some = actionFromJson({ kind: 'attach-policy', farmId: 1, policyId: 2, limits: { nodeCount: 3, cuMilli: null } }, PREFIX);
    expect(actionToJson(some, PREFIX)).to.deep.include({ limits: { cuMilli: null, suMilli: null, nodeCount: 3, end: null, nodeCertification: false } });
    expect(actionToJson(actionFromJson({ kind: 'attach-policy', farmId: 1, policyId: 2, limits: {} }, PREFIX), PREFIX)).to.deep.equal(actionToJson(none, PREFIX));
  });

  it('actionsFromJson takes an array or one action; toAction takes either form', () => {
    expect(actionsFromJson([{ kind: 'detach-policy', farmId: 1 }, { kind: 'set-pool-fee', feeBps: 30 }], PREFIX).map((a) => a.kind)).to.deep.equal(['detach-policy', 'set-pool-fee']);
    expect(actionsFromJson({ kind: 'set-pool-fee', feeBps: 30 }, PREFIX)).to.have.length(1);
    expect(actionsFromJson([], PREFIX)).to.deep.equal([]);
    expectCode(() => actionsFromJson([{ kind: 'set-pool-fee', feeBps: 1 }, { kind: 'set-pool-fee' }], PREFIX), 'DAO_BAD_PROPOSAL', /^actions\[1\]\.feeBps: missing/);
    for (const a of everyAction()) expect(bytesOf(toAction(a, PREFIX)), a.kind).to.equal(bytesOf(a));
    for (const a of everyAction()) expect(bytesOf(toAction(actionToJson(a, PREFIX), PREFIX)), a.kind).to.equal(bytesOf(a));
    // Without a prefix any valid bech32m address is taken.
    expect(actionFromJson({ kind: 'treasury-spend', to: CAROL, asset: 'TFT', amount: '5' })).to.have.property('kind', 'treasury-spend');
  });

  it('malformed input: DAO_BAD_PROPOSAL naming the field', () => {
    const bad: Array<[unknown, RegExp]> = [
      [null, /^action: an action must be a JSON object/],
      [[{ kind: 'detach-policy', farmId: 1 }], /^action: an action must be a JSON object/],
      ['detach-policy', /^action: an action must be a JSON object/],
      [{ farmId: 1 }, /^action\.kind: unknown action kind undefined \(one of add-policy, /],
      [{ kind: 'burn-everything' }, /^action\.kind: unknown action kind "burn-everything"/],
      [{ kind: 'detach-policy' }, /^action\.farmId: missing/],
      [{ kind: 'detach-policy', farmId: 1, policyId: 2 }, /^action\.policyId: unknown field \(expected kind, farmId\)/],
      [{ kind: 'detach-policy', farmId: 0 }, /^action\.farmId: must be an integer from 1 to 4294967295, got 0/],
      [{ kind: 'detach-policy', farmId: -1 }, /^action\.farmId: must be an integer/],
      [{ kind: 'detach-policy', farmId: 1.5 }, /^action\.farmId: must be an integer/],
      [{ kind: 'detach-policy', farmId: '1' }, /^action\.farmId: must be an integer from 1 to 4294967295, got "1"/],
      [{ kind: 'detach-policy', farmId: 2 ** 32 }, /^action\.farmId: must be an integer/],
      [{ kind: 'set-pool-fee', feeBps: 70000 }, /^action\.feeBps: must be an integer from 0 to 65535/],
      [{ kind: 'add-policy', policy: { ...POLICY, cu: 3000 } }, /^action\.policy\.cu: must be a decimal string of base units \(e\.g\. "25000000"\), got 3000/],
      [{ kind: 'add-policy', policy: { ...POLICY, su: '1.5' } }, /^action\.policy\.su: must be a decimal string/],
      [{ kind: 'add-policy', policy: { ...POLICY, nu: '-1' } }, /^action\.policy\.nu: must be a decimal string/],
      [{ kind: 'add-policy', policy: { ...POLICY, ipv4: '340282366920938463463374607431768211456' } }, /^action\.policy\.ipv4: must be a decimal string/],
      [{ kind: 'add-policy', policy: { ...POLICY, minimalUptime: 1001 } }, /^action\.policy\.minimalUptime: must be an integer from 0 to 1000/],
      [{ kind: 'add-policy', policy: { ...POLICY, immutable: 'no' } }, /^action\.policy\.immutable: must be true or false/],
      [{ kind: 'add-policy', policy: { ...POLICY, nodeCertification: 'gold' } }, /^action\.policy\.nodeCertification: must be one of diy, certified, got "gold"/],
      [{ kind: 'add-policy', policy: { ...POLICY, farmCertification: undefined } }, /^action\.policy\.farmCertification: missing/],
      [{ kind: 'add-policy', policy: { ...POLICY, colour: 'red' } }, /^action\.policy\.colour: unknown field/],
      [{ kind: 'add-policy' }, /^action\.policy: missing/],
      [{ kind: 'add-policy', policy: [] }, /^action\.policy: must be a JSON object/],
      [{ kind: 'attach-policy', farmId: 1, policyId: 2, limits: { count: 3 } }, /^action\.limits\.count: unknown field/],
      [{ kind: 'attach-policy', farmId: 1, policyId: 2, limits: { nodeCount: -3 } }, /^action\.limits\.nodeCount: must be an integer/],
      [{ kind: 'attach-policy', farmId: 1, policyId: 2, limits: { nodeCertification: 1 } }, /^action\.limits\.nodeCertification: must be true or false/],
      [{ kind: 'attach-policy', farmId: 1, policyId: 2, limits: 'none' }, /^action\.limits: must be a JSON object/],
      [{ kind: 'set-farm-certification', farmId: 1, certification: 'certified' }, /^action\.certification: must be one of notCertified, gold/],
      [{ kind: 'set-node-certification', nodeId: 1, certification: 'gold' }, /^action\.certification: must be one of diy, certified/],
      [{ kind: 'set-dao-params', params: { minDeposit: '1', minVotingPeriod: 10, maxVotingPeriod: 20, quorum: 1001, threshold: 1, veto: 1 } }, /^action\.params\.quorum: must be an integer from 0 to 1000/],
      [{ kind: 'set-dao-params', params: { minDeposit: '1', minVotingPeriod: 10, maxVotingPeriod: 20, quorum: 1, threshold: 1 } }, /^action\.params\.veto: missing/],
      [{ kind: 'treasury-spend', to: CAROL, asset: 'BTC', amount: '1' }, /^action\.asset: must be one of TFT, REGIONAL, got "BTC"/],
      [{ kind: 'treasury-spend', to: CAROL, asset: 'TFT', amount: '0' }, /^action\.amount: at least 1 base unit/],
      [{ kind: 'treasury-spend', to: 42, asset: 'TFT', amount: '1' }, /^action\.to: must be a string/],
    ];
    for (const [input, message] of bad) expectCode(() => actionFromJson(input, PREFIX), 'DAO_BAD_PROPOSAL', message);
  });

  it("the chain's own checks apply: policy names, address prefixes", () => {
    expectCode(() => actionFromJson({ kind: 'add-policy', policy: { ...POLICY, name: 'has space' } }, PREFIX), 'DAO_BAD_NAME', /^action\.policy\.name: 1\.\.64 characters/);
    expectCode(() => actionFromJson({ kind: 'add-policy', policy: { ...POLICY, name: '' } }, PREFIX), 'DAO_BAD_NAME');
    expectCode(() => actionFromJson({ kind: 'update-policy', policyId: 1, policy: { ...POLICY, name: 'x'.repeat(65) } }, PREFIX), 'CODEC_WRONG_TYPE', /policy\.name/);
    const other = addressFromPublicKey('other', testAccountKey(TESTNET_SEED, 'carol').publicKey);
    expectCode(() => actionFromJson({ kind: 'treasury-spend', to: other, asset: 'TFT', amount: '1' }, PREFIX), 'CRYPTO_BAD_ADDRESS', /^action\.to: /);
    expectCode(() => actionFromJson({ kind: 'treasury-spend', to: 'not-an-address', asset: 'TFT', amount: '1' }), 'CRYPTO_BAD_ADDRESS', /^action\.to: /);
    expectCode(() => actionFromJson({ kind: 'detach-policy' }, PREFIX, 'actions[3]'), 'DAO_BAD_PROPOSAL', /^actions\[3\]\.farmId: missing/);
  });

  it('thousandths: permille shares and milli-unit weights as decimals', () => {
    expect([0, 1, 10, 334, 500, 1000, 1500, 123456].map(thousandths)).to.deep.equal(['0', '0.001', '0.01', '0.334', '0.5', '1', '1.5', '123.456']);
    expect(() => thousandths(-1)).to.throw(RangeError);
    expect(() => thousandths(1.5)).to.throw(RangeError);
  });
});
