/** The pool routes' port bound to the pool module (defi/). */
import { quoteExactIn, quoteExactOut, readPool, readShares, twap } from '../../defi/index.ts';
import type { PoolPort } from './pool-port.ts';

export const DEFI_POOL: PoolPort = { readPool, readShares, quoteExactIn, quoteExactOut, twap };
