/**
 * A relayer that restarts resumes where it stopped (rpc/relayer/relayer-state.ts,
 * relayer-resume.ts): over two fake chains (test/fixtures/relayer-world.ts) a relayer runs some
 * rounds, is dropped, and a new one with the same store asks for no block below the saved
 * positions (only the block just below each, to check it is the same chain), claims a deposit
 * committed while it was down, and completes the deposit and withdrawal it had seen but not yet
 * relayed. A state it cannot trust (corrupt, wrong shape, another chain, a chain restarted from a
 * fresh genesis, an unreadable store) is ignored with a warning and the scans start from height 1;
 * a chain unreachable while resuming delays the scans instead.
 */
import { expect } from 'chai';
import { RpcError } from '../../rpc/client/rpc-error.ts';
import { decodeRelayerState, encodeRelayerState, MemoryStateStore, type RelayerState } from '../../rpc/relayer/relayer-state.ts';
import { clearAsked, commandsOf, deposit, HUB, REGION, relayerOf, relayerWorld, transferId, withdrawal, type RelayerWorld } from '../fixtures/relayer-world.ts';

const stateOf = (store: MemoryStateStore): RelayerState => {
  const s = decodeRelayerState(store.text ?? '');
  if ('problem' in s) throw new Error(`saved state does not decode: ${s.problem}`);
  return s;
};

const warnings = (w: RelayerWorld): string[] => w.logs.filter(([level]) => level === 'warn').map(([, m]) => m);

/** A world whose relayer ran two rounds (a deposit claimed) with `store`, then was dropped. */
async function ranAndStopped(store: MemoryStateStore): Promise<{ w: RelayerWorld; first: string }> {
  const w = relayerWorld();
  const first = deposit(w, 0xd1);
  w.hub.commitBlock();
  const relayer = relayerOf(w, store);
  expect((await relayer.round()).claimed).to.deep.equal([first]);
  expect((await relayer.round()).errors).to.deep.equal([]);
  expect(w.asked.hub[0], 'the first run scans from height 1').to.equal(1);
  return { w, first };
}

describe('relayer: resuming after a restart', () => {
  it('resumes at the saved heights and claims a deposit committed while it was down', async () => {
    const store = new MemoryStateStore();
    const { w, first } = await ranAndStopped(store);
    const saved = stateOf(store);
    expect(saved.hub).to.deep.include({ chainId: HUB, next: 13 });
    expect(saved.region).to.deep.include({ chainId: REGION, next: w.region.height + 1 });
    expect(saved.deposits).to.deep.equal({});

    // Down: a deposit and a few blocks on each chain.
    const late = deposit(w, 0xd2);
    w.hub.commitBlock();
    w.region.commitBlock();
    clearAsked(w);
    const restarted = relayerOf(w, store);
    const r = await restarted.round();
    expect(r.errors).to.deep.equal([]);
    expect(r.claimed).to.deep.equal([late]);
    expect(w.asked.hub, 'the block below the position (same chain?), then only the new ones').to.deep.equal([12, 13, 14]);
    expect(Math.min(...w.asked.region)).to.equal(saved.region.next - 1);
    expect(w.logs.some(([level, m]) => level === 'info' && m.startsWith('resuming from memory: Hub tfr-hub-1 at height 13'))).to.equal(true);
    expect(commandsOf(w.region).filter((c) => c === 'bridge.claim'), `${first} is not claimed twice`).to.have.length(2);
    expect(restarted.positions()).to.deep.equal({ hub: 15, region: stateOf(store).region.next });
    expect(stateOf(store).hub.next).to.equal(15);
  });

  it('a deposit and a withdrawal seen but not yet relayed at shutdown are completed after the restart', async () => {
    const w = relayerWorld();
    const store = new MemoryStateStore();
    const dep = deposit(w, 0xd1); // in the Hub's latest block: its proof needs the next one
    const wd = withdrawal(w, 0xe1); // above the anchored height 10: not releasable yet
    const first = relayerOf(w, store);
    const r1 = await first.round();
    expect(r1.errors).to.deep.equal([]);
    expect([r1.claimed, r1.released]).to.deep.equal([[], []]);
    expect(first.pending()).to.deep.equal({ deposits: [dep], withdrawals: [wd] });
    const saved = stateOf(store);
    expect(saved.deposits).to.deep.equal({ [dep]: 11 });
    expect(saved.withdrawals).to.deep.equal({ [wd]: 36 });

    w.hub.commitBlock();
    w.last = { ...w.last, lastHeight: 40, lastHubHeight: 11 };
    clearAsked(w);
    const second = relayerOf(w, store);
    const r2 = await second.round();
    expect(r2.errors).to.deep.equal([]);
    expect(r2.claimed).to.deep.equal([dep]);
    expect(r2.released).to.deep.equal([wd]);
    expect(Math.min(...w.asked.hub), 'no rescan of the Hub').to.equal(11);
    expect(Math.min(...w.asked.region), 'no rescan of the region').to.equal(36);
    expect(stateOf(store)).to.deep.include({ deposits: {}, withdrawals: {} });
  });

  it('saves only when something changed', async () => {
    const store = new MemoryStateStore();
    const { w } = await ranAndStopped(store);
    const relayer = relayerOf(w, store);
    await relayer.round();
    const saves = store.saves;
    await relayer.round();
    expect(store.saves).to.equal(saves);
    w.hub.commitBlock();
    await relayer.round();
    expect(store.saves).to.equal(saves + 1);
  });

  it('a --from height above the saved position is a floor', async () => {
    const store = new MemoryStateStore();
    const { w } = await ranAndStopped(store);
    for (let i = 0; i < 10; i++) w.hub.commitBlock();
    clearAsked(w);
    await relayerOf(w, store, { depositsFrom: 18 }).round();
    expect(w.asked.hub, 'the block below the saved position, then from 18').to.deep.equal([12, 18, 19, 20, 21, 22]);
  });

  describe('a state it cannot trust is ignored with a warning, and the scans start from height 1', () => {
    const valid = async (): Promise<RelayerState> => {
      const store = new MemoryStateStore();
      await ranAndStopped(store);
      return stateOf(store);
    };
    const cases: Array<[string, (s: RelayerState) => string, RegExp]> = [
      ['not JSON', () => '{"version": 1, "hub": ', /: not JSON;/],
      ['an empty file', () => '', /: not JSON;/],
      ['not an object', () => '[1, 2]', /: not a JSON object;/],
      ['another version', (s) => JSON.stringify({ ...s, version: 2 }), /unknown version 2/],
      ['a negative height', (s) => JSON.stringify({ ...s, hub: { ...s.hub, next: -5 } }), /hub\.next is not a height .*: -5/],
      ['a fractional height', (s) => JSON.stringify({ ...s, region: { ...s.region, next: 2.5 } }), /region\.next is not a height/],
      ['a height as a string', (s) => JSON.stringify({ ...s, hub: { ...s.hub, next: '13' } }), /hub\.next is not a height/],
      ['a bad block hash', (s) => JSON.stringify({ ...s, hub: { ...s.hub, lastHash: 'xyz' } }), /hub\.lastHash is not a block hash/],
      ['a missing field', (s) => JSON.stringify({ version: 1, hub: s.hub, region: s.region, deposits: {} }), /lacks "withdrawals"/],
      ['an unknown field', (s) => JSON.stringify({ ...s, extra: true }), /unknown field "extra"/],
      ['a pending id that is not one', (s) => JSON.stringify({ ...s, deposits: { abc: 3 } }), /deposits has a key that is not a transfer id/],
      ['a pending transfer above the position', (s) => JSON.stringify({ ...s, deposits: { [transferId(7)]: 99 } }), /is not a scanned height: 99/],
      ['another Hub', (s) => JSON.stringify({ ...s, hub: { ...s.hub, chainId: 'tfr-hub-9' } }), /it is for Hub tfr-hub-9, not tfr-hub-1/],
      ['another region', (s) => JSON.stringify({ ...s, region: { ...s.region, chainId: 'tfr-other-1' } }), /it is for region tfr-other-1, not tfr-unit-1/],
      ['a chain restarted from a fresh genesis', (s) => JSON.stringify({ ...s, hub: { ...s.hub, lastHash: 'ee'.repeat(32) } }), /tfr-hub-1's block 12 is [0-9a-f]{64}, not the e{64} it scanned \(restarted from a fresh genesis\?\)/],
      ['a position above the chain', (s) => JSON.stringify({ ...s, region: { ...s.region, next: 5000 } }), /it scanned tfr-unit-1 up to height 4999, but that chain is at height 3\d/],
    ];
    for (const [name, text, warning] of cases) {
      it(name, async () => {
        const store = new MemoryStateStore(text(await valid()));
        const w = relayerWorld();
        const dep = deposit(w, 0xd9);
        w.hub.commitBlock();
        const relayer = relayerOf(w, store);
        const r = await relayer.round();
        expect(r.errors).to.deep.equal([]);
        const warned = warnings(w);
        expect(warned, warned.join('\n')).to.have.length(1);
        expect(warned[0]).to.match(/^ignoring the relayer state memory: /);
        expect(warned[0]).to.match(warning);
        expect(warned[0]).to.match(/; scanning from the start; the state in memory is replaced after this round$/);
        expect(w.asked.hub, 'the Hub is rescanned').to.include(1);
        expect(w.asked.region, 'the region is rescanned').to.include(1);
        expect(r.claimed, 'the deposit before the restart is found by the rescan').to.deep.equal([dep]);
        expect(stateOf(store).hub, 'replaced by a state of these chains').to.deep.include({ chainId: HUB, next: 13 });
      });
    }

    it('a store that cannot be read', async () => {
      const w = relayerWorld();
      const store = new MemoryStateStore();
      store.load = async () => Promise.reject(new Error('EACCES: permission denied'));
      const r = await relayerOf(w, store).round();
      expect(r.errors).to.deep.equal([]);
      expect(warnings(w)).to.deep.equal(['cannot read the relayer state memory: EACCES: permission denied; scanning from the start; the state in memory is replaced after this round']);
      expect(w.asked.hub[0]).to.equal(1);
    });
  });

  it('a chain unreachable while resuming: nothing is scanned or saved until it answers', async () => {
    const store = new MemoryStateStore();
    const { w } = await ranAndStopped(store);
    const before = store.text;
    const relayer = relayerOf(w, store);
    // The round's reads pass; the check of the block below the Hub position does not.
    const block = w.clients.hub.block;
    (w.clients.hub as { block: typeof block }).block = async () => Promise.reject(new RpcError('RPC_UNREACHABLE', 'cannot reach hub', 0));
    clearAsked(w);
    const r = await relayer.round();
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]).to.match(/^resume: RPC_UNREACHABLE/);
    expect(store.text).to.equal(before);
    expect(w.asked.region).to.deep.equal([]);
    (w.clients.hub as { block: typeof block }).block = block;
    expect((await relayer.round()).errors).to.deep.equal([]);
    expect(Math.min(...w.asked.hub)).to.equal(12);
    expect(warnings(w), 'the state was not discarded').to.deep.equal(['resume failed: RPC_UNREACHABLE: cannot reach hub']);
  });

  it('a relayer without a store keeps nothing: a new one rescans from height 1', async () => {
    const w = relayerWorld();
    await relayerOf(w, undefined).round();
    clearAsked(w);
    await relayerOf(w, undefined).round();
    expect(w.asked.hub[0]).to.equal(1);
  });

  it('encodes and decodes the state', () => {
    const s: RelayerState = { version: 1, hub: { chainId: HUB, next: 13, lastHash: 'ab'.repeat(32) }, region: { chainId: REGION, next: 1, lastHash: null }, deposits: { [transferId(1)]: 12 }, withdrawals: {} };
    expect(decodeRelayerState(encodeRelayerState(s))).to.deep.equal(s);
    expect(decodeRelayerState(JSON.stringify({ ...s, region: { ...s.region, lastHash: 'ab'.repeat(32) } }))).to.deep.equal({ problem: 'region.lastHash names a block below height 1' });
  });
});
