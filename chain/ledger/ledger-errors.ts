export const LEDGER_ERRORS = {
  LEDGER_NONCE_TOO_LOW: 'The nonce was already used by this sender (a replay).',
  LEDGER_NONCE_TOO_HIGH: 'The nonce skips ahead of the sender account nonce.',
  LEDGER_FEE_TOO_LOW: 'The fee is below the minimum fee set in genesis.',
  LEDGER_INSUFFICIENT_BALANCE: 'The sender cannot pay the amount (plus the fee, when both are in the regional token).',
  LEDGER_BALANCE_OVERFLOW: 'The recipient balance would exceed the maximum balance (2^128 - 1 base units).',
  LEDGER_ZERO_AMOUNT: 'A transfer amount is zero.',
  LEDGER_SELF_TRANSFER: 'A transfer names its own sender as recipient.',
  LEDGER_UNKNOWN_ASSET: 'The asset is neither TFT nor the regional token.',
} as const;
