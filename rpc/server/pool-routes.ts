/**
 * GET /pool: reserves, shares, fee, spot price and TWAP of the TFT / regional-token pool.
 * GET /pool/quote: what a swap would give (exact-in) or cost (exact-out) now, with the bound a
 * slippage tolerance sets. GET /pool/positions/:address: an account's liquidity shares and what
 * they are worth. Every answer is of one state, the one after block `height`; on a chain without
 * a pool they are 404 RPC_NO_POOL.
 */
import BN from 'bn.js';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { formatBaseUnits } from '../../chain/amount.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { decodeAddress } from '../../chain/crypto/addresses.ts';
import type { StateReader } from '../../chain/execution/state-access.ts';
import {
  DEFAULT_SLIPPAGE_BPS,
  DEFAULT_TWAP_WINDOW_SECONDS,
  PoolQuery,
  PoolStateView,
  PositionView,
  QuoteQuery,
  QuoteView,
} from '../api/pool-schemas.ts';
import { AddressParams, ErrorBody } from '../api/schemas.ts';
import { ratioDecimal } from './decimal-ratio.ts';
import type { PoolPort, PoolView } from './pool-port.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';

const BPS = new BN(10_000);
const Q112 = new BN(1).ushln(112);
const other = (a: 'TFT' | 'REGIONAL') => (a === 'TFT' ? 'REGIONAL' : 'TFT');

interface Snapshot {
  readonly height: number;
  readonly timeMs: number;
  readonly pool: PoolView;
}

/** Runs `read` against the committed state until no block was committed meanwhile, so height and values belong together. */
async function atOneHeight<T>(node: RpcNode, port: PoolPort, read: (s: Snapshot, state: StateReader) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const tip = node.store.tip();
    const root = toHex(node.store.state.root());
    const state = node.store.state;
    const pool = await port.readPool(state);
    if (pool === undefined) throw new RpcError('RPC_NO_POOL', 'this chain has no pool');
    const value = await read({ height: tip.height, timeMs: tip.time, pool }, state);
    if ((node.store.tip() === tip && toHex(node.store.state.root()) === root) || attempt >= 20) return value;
  }
}

export function reservesView(pool: PoolView) {
  return { TFT: formatBaseUnits(pool.reserves.TFT), REGIONAL: formatBaseUnits(pool.reserves.REGIONAL) };
}

export function registerPoolRoutes(app: FastifyInstance, node: RpcNode, port: PoolPort): void {
  const { tft, regional } = node.genesis.assets;
  const tftUnit = new BN(10).pow(new BN(tft.decimals));
  const regionalUnit = new BN(10).pow(new BN(regional.decimals));
  // Whole tokens of REGIONAL per whole TFT from base units: r * 10^decT / (t * 10^decR).
  const prices = (regionalNum: BN, tftNum: BN) => ({
    regionalPerTft: ratioDecimal(regionalNum.mul(tftUnit), tftNum.mul(regionalUnit)),
    tftPerRegional: ratioDecimal(tftNum.mul(regionalUnit), regionalNum.mul(tftUnit)),
  });

  app.get<{ Querystring: Static<typeof PoolQuery> }>(
    '/pool',
    {
      schema: {
        summary: 'The pool: reserves, shares, fee, spot price and TWAP',
        description:
          'Reserves and shares in base units. Prices in whole tokens (decimals from genesis), truncated to 18 significant digits. ' +
          '`twap` averages the price over the longest window of price history up to `window` seconds (default 3600); null without history.',
        tags: ['pool'],
        querystring: PoolQuery,
        response: { 200: PoolStateView, '4xx': ErrorBody },
      },
    },
    async (req) =>
      atOneHeight(node, port, async ({ height, timeMs, pool }, state) => {
        const t = await port.twap(state, timeMs, req.query.window ?? DEFAULT_TWAP_WINDOW_SECONDS);
        const r = pool.reserves;
        return {
          height,
          reserves: reservesView(pool),
          totalShares: formatBaseUnits(pool.totalShares),
          feeBps: pool.feeBps,
          protocolFee: pool.protocolFee,
          spot: r.TFT.isZero() || r.REGIONAL.isZero() ? null : prices(r.REGIONAL, r.TFT),
          // price0 / 2^112 is REGIONAL base units per TFT base unit; price1 the converse.
          twap:
            t === undefined || t.price0.isZero() || t.price1.isZero()
              ? null
              : {
                  windowSeconds: t.windowSeconds,
                  regionalPerTft: ratioDecimal(t.price0.mul(tftUnit), Q112.mul(regionalUnit)),
                  tftPerRegional: ratioDecimal(t.price1.mul(regionalUnit), Q112.mul(tftUnit)),
                },
        };
      }),
  );

  app.get<{ Querystring: Static<typeof QuoteQuery> }>(
    '/pool/quote',
    {
      schema: {
        summary: 'Quote a swap against the current reserves',
        description:
          'Exactly one of `amount` (exact-in: sell this many base units of `in`) and `out` (exact-out: buy this many base units of the other asset). ' +
          'Exact-in answers `minimumReceived` = floor(amountOut * (10000 - slippageBps) / 10000), the minAmountOut to sign; exact-out `maximumSent` = ' +
          'ceil(amountIn * (10000 + slippageBps) / 10000), the maxAmountIn to sign. Default slippage 50 bps (0.5%).',
        tags: ['pool'],
        querystring: QuoteQuery,
        response: { 200: QuoteView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const q = req.query;
      if ((q.amount === undefined) === (q.out === undefined)) throw new RpcError('RPC_BAD_REQUEST', 'give exactly one of amount (exact-in) and out (exact-out)');
      const slippageBps = q.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
      return atOneHeight(node, port, async ({ height, pool }) => {
        const base = { height, assetIn: q.in, assetOut: other(q.in), slippageBps, reserves: reservesView(pool) };
        if (q.amount !== undefined) {
          const amountIn = new BN(q.amount, 10);
          const r = port.quoteExactIn(pool, q.in, amountIn);
          const minimumReceived = r.amountOut.mul(BPS.subn(slippageBps)).div(BPS);
          return {
            ...base,
            kind: 'exact-in' as const,
            amountIn: formatBaseUnits(amountIn),
            amountOut: formatBaseUnits(r.amountOut),
            feePaid: formatBaseUnits(r.feePaid),
            priceImpactBps: r.priceImpactBps,
            minimumReceived: formatBaseUnits(minimumReceived),
          };
        }
        const amountOut = new BN(q.out!, 10);
        const r = port.quoteExactOut(pool, q.in, amountOut);
        const maximumSent = r.amountIn.mul(BPS.addn(slippageBps)).add(BPS.subn(1)).div(BPS);
        return {
          ...base,
          kind: 'exact-out' as const,
          amountIn: formatBaseUnits(r.amountIn),
          amountOut: formatBaseUnits(amountOut),
          feePaid: formatBaseUnits(r.feePaid),
          priceImpactBps: r.priceImpactBps,
          maximumSent: formatBaseUnits(maximumSent),
        };
      });
    },
  );

  app.get<{ Params: Static<typeof AddressParams> }>(
    '/pool/positions/:address',
    {
      schema: {
        summary: "An account's liquidity shares and what they are worth",
        description: '`amounts` is what removing all the shares would pay now (shares * reserve / totalShares, floored); `shareOfPool` is shares / totalShares.',
        tags: ['pool'],
        params: AddressParams,
        response: { 200: PositionView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const bytes = decodeAddress(req.params.address, node.genesis.addressPrefix);
      return atOneHeight(node, port, async ({ height, pool }, state) => {
        const shares = await port.readShares(state, bytes);
        const total = pool.totalShares;
        const part = (reserve: BN) => (total.isZero() ? new BN(0) : shares.mul(reserve).div(total));
        return {
          address: req.params.address,
          height,
          shares: formatBaseUnits(shares),
          totalShares: formatBaseUnits(total),
          shareOfPool: total.isZero() ? '0' : ratioDecimal(shares, total),
          amounts: { TFT: formatBaseUnits(part(pool.reserves.TFT)), REGIONAL: formatBaseUnits(part(pool.reserves.REGIONAL)) },
        };
      });
    },
  );
}
