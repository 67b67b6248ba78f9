/**
 * The ledger module: balances of TFT and the regional token, nonces and fees.
 *
 * For every tx, whatever its module: the nonce must equal the sender's account nonce (lower is a
 * replay, higher a gap; both invalid); the fee must be at least the genesis minimum and the sender
 * must hold it in the regional token (invalid otherwise). Before the command runs, the fee moves
 * to the DAO treasury and the nonce goes up by one; both stay even if the command then fails.
 */
import type BN from 'bn.js';
import { encodeAddress } from '../crypto/addresses.ts';
import { ChainError } from '../errors.ts';
import type { ChainModule, TxReadContext } from '../execution/module.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { getAccount, putAccount, transferFunds } from './ledger-state.ts';
import { LEDGER_STORE_PREFIX } from './ledger-state.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from './module-accounts.ts';
import { transferCommand } from './transfer-command.ts';

export interface LedgerConfig {
  readonly addressPrefix: string;
  readonly minFee: BN;
}

export function ledgerConfigFromGenesis(g: Genesis): LedgerConfig {
  return { addressPrefix: g.addressPrefix, minFee: g.ledger.minFee };
}

export function createLedgerModule(config: LedgerConfig): ChainModule {
  const treasury = moduleAccountAddress(TREASURY_ACCOUNT);
  const hrp = config.addressPrefix;

  async function checkNonceAndFee(ctx: TxReadContext): Promise<void> {
    const { tx } = ctx;
    const account = await getAccount(ctx.state, tx.senderAddress);
    if (tx.nonce < account.nonce) throw new ChainError('LEDGER_NONCE_TOO_LOW', `nonce ${tx.nonce} already used; account nonce is ${account.nonce}`, { expected: account.nonce });
    if (tx.nonce > account.nonce) throw new ChainError('LEDGER_NONCE_TOO_HIGH', `nonce ${tx.nonce} skips ahead; account nonce is ${account.nonce}`, { expected: account.nonce });
    if (tx.fee.lt(config.minFee)) throw new ChainError('LEDGER_FEE_TOO_LOW', `fee ${tx.fee.toString()} is below the minimum ${config.minFee.toString()}`, { minFee: config.minFee.toString() });
    if (account.balances.REGIONAL.lt(tx.fee)) {
      throw new ChainError('LEDGER_INSUFFICIENT_BALANCE', `fee ${tx.fee.toString()} exceeds the regional balance ${account.balances.REGIONAL.toString()}`, {
        asset: 'REGIONAL',
        balance: account.balances.REGIONAL.toString(),
        needed: tx.fee.toString(),
      });
    }
  }

  return {
    name: 'ledger',
    storePrefix: LEDGER_STORE_PREFIX,
    commands: [transferCommand(hrp)],
    verifyTx: checkNonceAndFee,
    async beforeCommand(ctx) {
      const { tx } = ctx;
      await transferFunds(ctx.state, tx.senderAddress, treasury, 'REGIONAL', tx.fee);
      const account = await getAccount(ctx.state, tx.senderAddress);
      putAccount(ctx.state, tx.senderAddress, { nonce: account.nonce + 1, balances: account.balances });
      ctx.emit('fee', { from: encodeAddress(hrp, tx.senderAddress), amount: tx.fee.toString(), to: encodeAddress(hrp, treasury) });
    },
    async initGenesis(ctx) {
      for (const a of ctx.genesis.accounts) {
        putAccount(ctx.state, a.addressBytes, { nonce: 0, balances: a.balances });
      }
    },
  };
}
