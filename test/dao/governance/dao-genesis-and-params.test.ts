import { expect } from 'chai';
import BN from 'bn.js';
import { decodeStoredCbor, encodeCbor } from '../../../chain/codec/cbor.ts';
import { isChainError } from '../../../chain/errors.ts';
import { checkParams } from '../../../dao/governance/check-params.ts';
import { parseDaoSection } from '../../../dao/governance/dao-genesis.ts';
import { decodeAction, decodePropose, decodeVote, encodeAction, encodePropose, encodeVote } from '../../../dao/governance/dao-params.ts';
import type { ProposalAction } from '../../../dao/governance/dao-types.ts';
import { codeOf } from '../../fixtures/expect-code.ts';
import { regionModules } from '../../../chain/node/region-modules.ts';
import { daoGenesis } from '../../fixtures/dao-chain.ts';

const params = { minDeposit: '1000', minVotingPeriod: 10, maxVotingPeriod: 100 };

function genesisError(value: unknown): { code: string; field: unknown } {
  try {
    parseDaoSection(value, 'dao');
  } catch (e) {
    if (isChainError(e)) return { code: e.code, field: e.details?.['field'] };
    throw e;
  }
  return { code: 'no error', field: undefined };
}

describe('DAO genesis section', () => {
  it('defaults quorum, threshold and veto to the Hub governance and floors to the params', () => {
    const c = parseDaoSection({ params }, 'dao');
    expect(c.params).to.include({ quorum: 334, threshold: 500, veto: 334, minVotingPeriod: 10, maxVotingPeriod: 100 });
    expect(c.params.minDeposit.toString()).to.equal('1000');
    expect(c.floors.minDeposit.toString()).to.equal('1000');
    expect(c.floors).to.include({ minVotingPeriod: 10, quorum: 334, threshold: 500 });
  });

  it('accepts lower explicit floors', () => {
    const c = parseDaoSection({ params, floors: { minDeposit: '10', minVotingPeriod: 5, quorum: 200, threshold: 500 } }, 'dao');
    expect(c.floors.minVotingPeriod).to.equal(5);
  });

  const bad: Array<[string, unknown, string, string]> = [
    ['params missing', {}, 'GENESIS_MISSING_FIELD', 'dao.params'],
    ['zero deposit', { params: { ...params, minDeposit: '0' } }, 'GENESIS_INVALID_AMOUNT', 'dao.params.minDeposit'],
    ['max below min', { params: { ...params, maxVotingPeriod: 5 } }, 'GENESIS_INVALID_FIELD', 'dao.params.maxVotingPeriod'],
    ['quorum 0', { params: { ...params, quorum: 0 } }, 'GENESIS_INVALID_FIELD', 'dao.params.quorum'],
    ['threshold 1000', { params: { ...params, threshold: 1000 } }, 'GENESIS_INVALID_FIELD', 'dao.params.threshold'],
    ['params below their floor', { params, floors: { quorum: 400 } }, 'GENESIS_INVALID_FIELD', 'dao.params.quorum'],
    ['unknown field', { params, extra: 1 }, 'GENESIS_UNKNOWN_FIELD', 'dao.extra'],
    ['unknown floor', { params, floors: { veto: 1 } }, 'GENESIS_UNKNOWN_FIELD', 'dao.floors.veto'],
  ];
  for (const [name, value, code, field] of bad) {
    it(`refuses ${name} with ${code} at ${field}`, () => {
      expect(genesisError(value)).to.deep.equal({ code, field });
    });
  }
});

describe('DAO module registration', () => {
  it('registers farming and the DAO from their sections, and refuses a DAO without farming (no voters)', () => {
    const g = daoGenesis();
    expect(regionModules(g).modules.map((m) => m.name)).to.deep.equal(['ledger', 'pool', 'farming', 'dao']);
    const { farming: _farming, ...withoutFarming } = g.app;
    expect(codeOf(() => regionModules({ ...g, app: withoutFarming }))).to.equal('GENESIS_MISSING_FIELD');
  });
});

describe('DAO parameter floors', () => {
  const floors = { minDeposit: new BN(100), minVotingPeriod: 10, quorum: 300, threshold: 500 };
  const ok = { minDeposit: new BN(100), minVotingPeriod: 10, maxVotingPeriod: 50, quorum: 300, threshold: 500, veto: 334 };
  it('accepts params at their floors and refuses each one below', () => {
    expect(codeOf(() => checkParams(ok, floors, 'p'))).to.equal('no error');
    expect(codeOf(() => checkParams({ ...ok, minDeposit: new BN(99) }, floors, 'p'))).to.equal('DAO_BELOW_FLOOR');
    expect(codeOf(() => checkParams({ ...ok, minVotingPeriod: 9 }, floors, 'p'))).to.equal('DAO_BELOW_FLOOR');
    expect(codeOf(() => checkParams({ ...ok, quorum: 299 }, floors, 'p'))).to.equal('DAO_BELOW_FLOOR');
    expect(codeOf(() => checkParams({ ...ok, threshold: 499 }, floors, 'p'))).to.equal('DAO_BELOW_FLOOR');
    expect(codeOf(() => checkParams({ ...ok, veto: 0 }, floors, 'p'))).to.equal('DAO_BAD_PARAMS');
    expect(codeOf(() => checkParams({ ...ok, maxVotingPeriod: 9 }, floors, 'p'))).to.equal('DAO_BAD_PARAMS');
  });
});

describe('DAO command params', () => {
  const policy = {
    name: 'boost',
    cu: new BN(5000),
    su: new BN(0),
    nu: new BN(1),
    ipv4: new BN(2),
    minimalUptime: 950,
    policyEnd: 0,
    immutable: true,
    default: false,
    nodeCertification: 'diy',
    farmCertification: 'gold',
  } as const;
  const actions: ProposalAction[] = [
    { kind: 'add-policy', policy },
    { kind: 'update-policy', policyId: 2, policy },
    { kind: 'attach-policy', farmId: 3, policyId: 2, limits: { cuMilli: 1000, suMilli: null, nodeCount: 4, end: null, nodeCertification: true } },
    { kind: 'detach-policy', farmId: 3 },
    { kind: 'set-farm-certification', farmId: 1, certification: 'gold' },
    { kind: 'set-node-certification', nodeId: 1, certification: 'certified' },
    { kind: 'set-pool-fee', feeBps: 25 },
    { kind: 'set-dao-params', params: { minDeposit: new BN(7), minVotingPeriod: 1, maxVotingPeriod: 2, quorum: 3, threshold: 4, veto: 5 } },
    { kind: 'treasury-spend', to: new Uint8Array(20).fill(9), asset: 'TFT', amount: new BN(12) },
  ];
  const roundTrip = <T>(v: T) => decodeStoredCbor(encodeCbor(v as never));

  it('every action kind survives an encode / CBOR / decode round trip', () => {
    for (const a of actions) {
      const back = decodeAction(roundTrip(encodeAction(a)), 'a');
      expect(encodeCbor(encodeAction(back))).to.deep.equal(encodeCbor(encodeAction(a)));
      expect(back.kind).to.equal(a.kind);
    }
  });

  it('propose and vote round-trip', () => {
    const p = decodePropose(roundTrip(encodePropose({ title: 'T', description: 'https://x', votingPeriod: 30, deposit: new BN(5), actions })));
    expect(p.actions).to.have.length(actions.length);
    expect(p.deposit.toString()).to.equal('5');
    expect(decodeVote(roundTrip(encodeVote({ proposalId: 4, farmId: 2, choice: 'veto' })))).to.deep.equal({ proposalId: 4, farmId: 2, choice: 'veto' });
  });

  it('refuses malformed proposals statelessly, each with its code', () => {
    const base = encodePropose({ title: 'T', description: '', votingPeriod: 30, deposit: new BN(5), actions: [] }) as unknown[];
    const with_ = (i: number, v: unknown) => base.map((x, j) => (j === i ? v : x)) as never;
    expect(codeOf(() => decodePropose(with_(0, '   ')))).to.equal('DAO_BAD_PROPOSAL');
    expect(codeOf(() => decodePropose(with_(0, 'x'.repeat(129))))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodePropose(with_(4, Array(17).fill(['detach-policy', 1]))))).to.equal('DAO_BAD_PROPOSAL');
    expect(codeOf(() => decodePropose(with_(4, [['mint-everything', 1]])))).to.equal('DAO_BAD_PROPOSAL');
    expect(codeOf(() => decodePropose(with_(4, [['detach-policy']])))).to.equal('DAO_BAD_PROPOSAL');
    expect(codeOf(() => decodeVote([1, 1, 'maybe']))).to.equal('DAO_BAD_VOTE');
    expect(codeOf(() => decodeVote([0, 1, 'yes']))).to.equal('CODEC_WRONG_TYPE');
    const badUptime = encodeAction({ kind: 'add-policy', policy: { ...policy, minimalUptime: 1001 } });
    expect(codeOf(() => decodeAction(badUptime, 'a'))).to.equal('DAO_BAD_POLICY');
  });
});
