/** Where proposal deposits wait for their proposal to close (a module account: nobody signs for it). */
import { moduleAccountAddress } from '../../chain/ledger/module-accounts.ts';

export const DEPOSITS_ACCOUNT = 'dao/deposits';
export const DEPOSITS = moduleAccountAddress(DEPOSITS_ACCOUNT);
