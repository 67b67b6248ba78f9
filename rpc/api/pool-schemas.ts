/**
 * The JSON shapes of the pool routes (GET /pool, /pool/quote, /pool/positions/:address), as
 * TypeBox schemas. Portable (TypeBox only), like schemas.ts: the SDK takes its types from here.
 *
 * Amounts are decimal strings of base units. Prices are decimal strings in whole tokens (the
 * assets' decimals from genesis), truncated to 18 significant digits, computed with integer math.
 */
import { Type, type Static } from 'typebox';
import { Address, BaseUnits } from './schemas.ts';

const strict = { additionalProperties: false } as const;

export const MAX_TWAP_WINDOW_SECONDS = 30 * 24 * 3600;
export const DEFAULT_TWAP_WINDOW_SECONDS = 3600;
export const DEFAULT_SLIPPAGE_BPS = 50;

export const Decimal = Type.String({ pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$', description: 'non-negative decimal number, e.g. 0.5 or 1234.000001' });
export const PoolAsset = Type.Union([Type.Literal('TFT'), Type.Literal('REGIONAL')]);

export const PricePair = Type.Object(
  {
    regionalPerTft: Decimal,
    tftPerRegional: Decimal,
  },
  { ...strict, description: 'whole tokens of one asset for one whole token of the other' },
);

export const PoolQuery = Type.Object(
  {
    window: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_TWAP_WINDOW_SECONDS, description: `TWAP window in seconds (default ${DEFAULT_TWAP_WINDOW_SECONDS}); the longest available window up to it is used` }),
    ),
  },
  strict,
);
export type PoolQuery = Static<typeof PoolQuery>;

export const PoolReserves = Type.Object({ TFT: BaseUnits, REGIONAL: BaseUnits }, strict);

export const PoolStateView = Type.Object(
  {
    height: Type.Integer({ minimum: 0, description: 'the state after this block' }),
    reserves: PoolReserves,
    totalShares: BaseUnits,
    feeBps: Type.Integer({ minimum: 0, maximum: 10000, description: 'swap fee, basis points of the amount in' }),
    protocolFee: Type.Boolean({ description: 'whether 1/6 of the fee growth is minted to the DAO treasury' }),
    spot: Type.Union([PricePair, Type.Null()], { description: 'reserve ratio; null while a reserve is empty' }),
    twap: Type.Union(
      [
        Type.Object(
          { windowSeconds: Type.Integer({ minimum: 1, description: 'the window actually used (at most the one asked)' }), regionalPerTft: Decimal, tftPerRegional: Decimal },
          strict,
        ),
        Type.Null(),
      ],
      { description: 'time-weighted average price over the window; null without price history' },
    ),
  },
  strict,
);
export type PoolStateView = Static<typeof PoolStateView>;

export const QuoteQuery = Type.Object(
  {
    in: PoolAsset,
    amount: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,38}$', description: 'exact-in: base units of `in` to sell' })),
    out: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,38}$', description: 'exact-out: base units of the other asset to buy' })),
    slippageBps: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, description: `tolerance for minimumReceived / maximumSent (default ${DEFAULT_SLIPPAGE_BPS})` })),
  },
  strict,
);
export type QuoteQuery = Static<typeof QuoteQuery>;

export const QuoteView = Type.Object(
  {
    height: Type.Integer({ minimum: 0, description: 'the quote is for the state after this block' }),
    kind: Type.Union([Type.Literal('exact-in'), Type.Literal('exact-out')]),
    assetIn: PoolAsset,
    assetOut: PoolAsset,
    amountIn: BaseUnits,
    amountOut: BaseUnits,
    feePaid: BaseUnits,
    priceImpactBps: Type.Integer({ minimum: 0 }),
    slippageBps: Type.Integer({ minimum: 0, maximum: 10000 }),
    minimumReceived: Type.Optional(BaseUnits),
    maximumSent: Type.Optional(BaseUnits),
    reserves: PoolReserves,
  },
  { ...strict, description: 'exact-in carries minimumReceived = floor(amountOut * (10000 - slippageBps) / 10000); exact-out maximumSent = ceil(amountIn * (10000 + slippageBps) / 10000)' },
);
export type QuoteView = Static<typeof QuoteView>;

export const PositionView = Type.Object(
  {
    address: Address,
    height: Type.Integer({ minimum: 0 }),
    shares: BaseUnits,
    totalShares: BaseUnits,
    shareOfPool: Decimal,
    amounts: Type.Object({ TFT: BaseUnits, REGIONAL: BaseUnits }, { ...strict, description: 'what removing all the shares would give now: shares * reserve / totalShares, floored' }),
  },
  strict,
);
export type PositionView = Static<typeof PositionView>;
