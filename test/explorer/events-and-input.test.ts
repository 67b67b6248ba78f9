/** Bridge transfers from tx events, policy history from proposals, the quote form's input checks, coalesced refreshes. */
import { expect } from 'chai';
import { addTransfers, transfersOf, type TxWithEvents } from '../../rpc/explorer/view/bridge-transfers.ts';
import { coalesced, mapLimited } from '../../rpc/explorer/view/coalesce.ts';
import { policyHistory, type ProposalRef } from '../../rpc/explorer/view/policy-history.ts';
import { checkQuoteAmount, checkSlippage, MAX_QUOTE_AMOUNT } from '../../rpc/explorer/view/quote-input.ts';

const id = (n: number) => n.toString(16).padStart(64, '0');

describe('explorer view: bridge transfers', () => {
  const txOf = (height: number, events: TxWithEvents['events'], code = 'OK'): TxWithEvents => ({ hash: id(1000 + height), height, code, events });

  it('reads the four bridge events; ignores other modules, names and malformed ids', () => {
    const t = txOf(12, [
      { module: 'ledger', name: 'transfer', data: { amount: '5' } },
      { module: 'bridge', name: 'withdraw', data: { id: id(1), hub: 'tfr-hub-1', sequence: 3, sender: 'aa', recipient: 'bb'.repeat(20), amount: '50000000' } },
      { module: 'bridge', name: 'receipt', data: { height: 50, blockHash: 'cc', hubHeight: 4, provenAtHubHeight: 5 } },
      { module: 'bridge', name: 'claim', data: { id: 'nothex', hubHeight: 4, recipient: 'dd', amount: '1' } },
      { module: 'bridge', name: 'claim', data: { id: id(2), hubHeight: 4, recipient: 'ee'.repeat(20), amount: '7' } },
    ]);
    expect(transfersOf(t)).to.deep.equal([
      { id: id(1), kind: 'withdraw', amount: '50000000', height: 12, txHash: t.hash, otherChain: 'tfr-hub-1', recipient: 'bb'.repeat(20) },
      { id: id(2), kind: 'claim', amount: '7', height: 12, txHash: t.hash, otherChain: '', recipient: 'ee'.repeat(20) },
    ]);
    const deposit = txOf(3, [{ module: 'bridge', name: 'deposit', data: { id: id(3), region: 'tfr-testnet-1', sequence: 0, sender: 'aa', recipient: 'bb', amount: '9' } }]);
    expect(transfersOf(deposit)[0]).to.include({ kind: 'deposit', otherChain: 'tfr-testnet-1' });
    expect(transfersOf({ ...deposit, code: 'BRIDGE_BAD_AMOUNT' })).to.deep.equal([]);
  });

  it('newest first, each (id, kind) once, at most the limit', () => {
    const row = (n: number, height: number, kind: 'deposit' | 'claim' = 'deposit') => ({ id: id(n), kind, amount: '1', height, txHash: id(n), otherChain: '', recipient: '' });
    let rows = addTransfers([], [row(1, 5), row(2, 9)]);
    rows = addTransfers(rows, [row(1, 5), row(1, 7, 'claim'), row(3, 1)], 3);
    expect(rows.map((r) => `${r.height}:${r.kind}`)).to.deep.equal(['9:deposit', '7:claim', '5:deposit']);
  });
});

describe('explorer view: policy history', () => {
  const policy = { id: 2, name: 'gold-2027', version: 3, policyCreated: 40 };
  const proposals: ProposalRef[] = [
    { id: 1, status: 'passed', endHeight: 40, actions: [{ kind: 'add-policy', policy: { name: 'gold-2027' } }] },
    { id: 2, status: 'passed', endHeight: 60, actions: [{ kind: 'update-policy', policyId: 2 }, { kind: 'attach-policy', policyId: 2, farmId: 7 }] },
    { id: 3, status: 'rejected', endHeight: 70, actions: [{ kind: 'update-policy', policyId: 2 }] },
    { id: 4, status: 'passed', endHeight: 80, actions: [{ kind: 'update-policy', policyId: 1 }, { kind: 'set-pool-fee' }] },
    { id: 5, status: 'passed', endHeight: 90, actions: [{ kind: 'update-policy', policyId: 2 }] },
  ];

  it('created by the proposal that added it, then each passed update and attachment, oldest first', () => {
    expect(policyHistory(policy, proposals)).to.deep.equal([
      { height: 40, text: 'added by proposal #1', proposalId: 1 },
      { height: 60, text: 'updated by proposal #2', proposalId: 2 },
      { height: 60, text: 'attached to farm 7 by proposal #2', proposalId: 2 },
      { height: 90, text: 'updated by proposal #5', proposalId: 5 },
    ]);
  });

  it('genesis policies, and policies whose proposal is not known', () => {
    expect(policyHistory({ id: 1, name: 'default', version: 2, policyCreated: 0 }, proposals)).to.deep.equal([
      { height: 0, text: 'created in genesis', proposalId: null },
      { height: 80, text: 'updated by proposal #4', proposalId: 4 },
    ]);
    expect(policyHistory({ ...policy, name: 'other' }, [])).to.deep.equal([{ height: 40, text: 'created', proposalId: null }]);
  });
});

describe('explorer view: quote input', () => {
  it('an amount of whole tokens to base units, refusing what the node would refuse', () => {
    expect(checkQuoteAmount('100', 7, false)).to.deep.equal({ ok: true, value: 1_000_000_000n });
    expect(checkQuoteAmount(' 0.5 ', 7, false)).to.deep.equal({ ok: true, value: 5_000_000n });
    const reason = (text: string, decimals = 7, empty = false) => {
      const r = checkQuoteAmount(text, decimals, empty);
      expect(r.ok, text).to.equal(false);
      return r.ok ? '' : r.reason;
    };
    expect(reason('')).to.contain('enter an amount');
    expect(reason('1.00000001')).to.contain('at most 7 decimals');
    expect(checkQuoteAmount('1.5', 1, false)).to.deep.equal({ ok: true, value: 15n });
    expect(reason('-1')).to.contain('not an amount');
    expect(reason('0')).to.contain('above 0');
    expect(reason('0.0')).to.contain('above 0');
    expect(reason((MAX_QUOTE_AMOUNT + 1n).toString(), 0)).to.contain('too large');
    expect(checkQuoteAmount(MAX_QUOTE_AMOUNT.toString(), 0, false).ok).to.equal(true);
    expect(reason('5', 7, true)).to.contain('no liquidity');
  });

  it('slippage in percent to basis points (default 0.5%)', () => {
    expect(checkSlippage('0.5')).to.deep.equal({ ok: true, value: 50 });
    expect(checkSlippage('')).to.deep.equal({ ok: true, value: 50 });
    expect(checkSlippage('100')).to.deep.equal({ ok: true, value: 10_000 });
    expect(checkSlippage('0')).to.deep.equal({ ok: true, value: 0 });
    for (const bad of ['100.01', '0.001', 'x', '-1']) expect(checkSlippage(bad).ok, bad).to.equal(false);
  });
});

describe('explorer view: coalesced refreshes', () => {
  it('calls during a run mark it dirty: one more run follows, not one per call', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const refresh = coalesced(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    });
    const first = refresh();
    void refresh();
    void refresh();
    expect(runs).to.equal(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).to.equal(2);
    release();
    await first;
    expect(runs).to.equal(2);
    const again = refresh();
    release();
    await again;
    expect(runs).to.equal(3);
  });

  it('a failing run goes to onError, never rejects, and the next call runs again', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const refresh = coalesced(async () => {
      n++;
      throw new Error(`boom ${n}`);
    }, (e) => errors.push(e));
    await refresh();
    await refresh();
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['boom 1', 'boom 2']);
  });

  it('mapLimited: results in order, at most `limit` at once, failures as undefined', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async (x) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5 * (x % 3)));
      active--;
      if (x === 4) throw new Error('no');
      return x * 10;
    });
    expect(out).to.deep.equal([10, 20, 30, undefined, 50, 60, 70]);
    expect(peak).to.equal(3);
    expect(await mapLimited([], 3, async () => 1)).to.deep.equal([]);
  });
});
