/** changeBalances: one read and one write for a debit and a credit on one account, all or nothing. */
import BN from 'bn.js';
import { expect } from 'chai';
import { MAX_AMOUNT } from '../../chain/amount.ts';
import { StateOverlay } from '../../chain/execution/state-overlay.ts';
import { changeBalances, credit, getAccount } from '../../chain/ledger/ledger-state.ts';
import { expectCode } from '../fixtures/expect-code.ts';

const who = new Uint8Array(20).fill(3);
const empty = { get: async () => undefined };

describe('ledger: changeBalances', () => {
  it('debits one asset and credits the other in one step', async () => {
    const state = new StateOverlay(empty);
    await credit(state, who, 'TFT', new BN(100));
    await changeBalances(state, who, { TFT: new BN(40) }, { REGIONAL: new BN(7) });
    const a = await getAccount(state, who);
    expect([a.balances.TFT.toString(), a.balances.REGIONAL.toString()]).to.deep.equal(['60', '7']);
  });

  it('refuses an overdraft or an overflow and writes nothing', async () => {
    const state = new StateOverlay(empty);
    await credit(state, who, 'TFT', new BN(100));
    await credit(state, who, 'REGIONAL', MAX_AMOUNT);
    await expectCode(changeBalances(state, who, { TFT: new BN(101) }, { REGIONAL: new BN(0) }), 'LEDGER_INSUFFICIENT_BALANCE');
    await expectCode(changeBalances(state, who, { TFT: new BN(1) }, { REGIONAL: new BN(1) }), 'LEDGER_BALANCE_OVERFLOW');
    const a = await getAccount(state, who);
    expect([a.balances.TFT.toString(), a.balances.REGIONAL.eq(MAX_AMOUNT)]).to.deep.equal(['100', true]);
  });
});
