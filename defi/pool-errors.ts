/** The pool's error codes (area AMM_), merged into chain/error-codes.ts. */
export const AMM_ERRORS = {
  AMM_ZERO_AMOUNT: 'A pool amount (deposit, shares, swap input or output, or a bound) is zero.',
  AMM_INSUFFICIENT_LIQUIDITY: 'The pool cannot serve the trade: a reserve is empty, or the output asked is not below the reserve.',
  AMM_INSUFFICIENT_OUTPUT: 'A swap or withdrawal output rounds down to zero.',
  AMM_SLIPPAGE: 'The trade would execute outside its bound (minimum out, maximum in, or a minimum deposit or withdrawal amount).',
  AMM_DEADLINE_PASSED: 'The block height is past the pool command deadline.',
  AMM_RESERVE_CAP: 'A pool reserve would exceed 2^112 - 1 base units.',
  AMM_INSUFFICIENT_SHARES: 'The sender holds fewer liquidity shares than it withdraws.',
  AMM_MIN_LIQUIDITY: 'A deposit mints too few shares: a first deposit needs sqrt(a0 * a1) above the 1000 locked shares, a later one at least 1 share.',
  AMM_INVARIANT: 'A swap would decrease the fee-adjusted constant product (a bug: never expected).',
  AMM_INVALID_FEE: 'A pool fee is not an integer of 0..1000 basis points.',
} as const;

export type AmmErrorCode = keyof typeof AMM_ERRORS;
