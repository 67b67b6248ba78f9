/**
 * The typed HTTP client of a node's JSON API (rpc/api/schemas.ts): one method per route, answers
 * typed from the schemas, every failure an RpcError. `fetch` and `WebSocket` are injectable, so
 * the same client runs in browsers, Node and tests.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AnchorsView, BridgeTransferView, StateProofView } from '../api/anchor-schemas.ts';
import type { DaoParamsView, FarmView, NodeView, PeriodRewardsView, PoliciesView, ProposalsView, ProposalView, RewardsOverview } from '../api/dao-schemas.ts';
import type { NetInfoView } from '../api/net-schemas.ts';
import type { PoolStateView, PositionView, QuoteView } from '../api/pool-schemas.ts';
import type { AccountProofView, AccountView, BlockView, EventMessage, FeaturesView, Status, TxView, ValidatorsView } from '../api/schemas.ts';
import { daoPath, proposalQuery, proposalsQuery, type ProposalStatus } from './dao-query.ts';
import { quoteQuery, type QuoteRequest } from './pool-query.ts';
import { ChainError } from '../../chain/errors.ts';
import { errorFromResponse, RpcError } from './rpc-error.ts';
import { subscribeEvents, type EventsFilter, type SubscribeOptions, type WebSocketConstructor } from './subscribe.ts';
import { joinUrl } from './url.ts';

/** What the client needs of `fetch` (the global one, undici's, or a test double). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ readonly status: number; readonly ok: boolean; text(): Promise<string> }>;

export interface ClientOptions {
  /** The node's base URL, e.g. http://127.0.0.1:26657 */
  readonly url: string;
  /** Default: globalThis.fetch. */
  readonly fetch?: FetchLike;
  /** Per request (default 10 s); a submit that waits for the commit gets its wait on top. */
  readonly timeoutMs?: number;
  /** For subscribe (default: globalThis.WebSocket). */
  readonly WebSocket?: WebSocketConstructor;
}

export interface SubmitOptions {
  /** 'commit': answer once the tx is in a committed block (default 'none': once the mempool took it). */
  readonly wait?: 'none' | 'commit';
  /** How long the node waits for the commit (1..60000 ms, default 15000). */
  readonly timeoutMs?: number;
}

export interface WaitOptions {
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Default 500 ms. */
  readonly pollMs?: number;
}

export interface TfrClient {
  readonly url: string;
  status(): Promise<Status>;
  /** GET /features: which parts the chain has (pool, dao, farming, bridge) and whether it is the Hub. */
  features(): Promise<FeaturesView>;
  account(address: string): Promise<AccountView>;
  block(height: number | 'latest'): Promise<BlockView>;
  tx(hash: string): Promise<TxView>;
  validators(): Promise<ValidatorsView>;
  accountProof(address: string): Promise<AccountProofView>;
  /** GET /pool: reserves, shares, fee, spot price and the TWAP over `windowSeconds` (node default 3600). */
  pool(windowSeconds?: number): Promise<PoolStateView>;
  /** GET /pool/quote: exact-in (`amount`) or exact-out (`out`), with the slippage bound. */
  quote(q: QuoteRequest): Promise<QuoteView>;
  /** GET /pool/positions/:address: liquidity shares and what they are worth. */
  position(address: string): Promise<PositionView>;
  /** GET /dao/params: the DAO's parameters (permille shares, also as decimals) and the floors genesis fixed. */
  daoParams(): Promise<DaoParamsView>;
  /** GET /dao/proposals: every proposal (ascending id) with its live tally, or those with `status`. */
  proposals(status?: ProposalStatus): Promise<ProposalsView>;
  /** GET /dao/proposals/:id: the proposal, its actions (JSON form), tally, projection and time left; `farm` adds that farm's vote. */
  proposal(id: number, opts?: { readonly farm?: number }): Promise<ProposalView>;
  /** GET /farming/policies: every farming policy, with `expired` at the current height. */
  policies(): Promise<PoliciesView>;
  /** GET /farming/farms/:id */
  farm(id: number): Promise<FarmView>;
  /** GET /farming/nodes/:id: the node, its units, uptime this period and the policy that would pay it now. */
  node(id: number): Promise<NodeView>;
  /** GET /farming/rewards: the open period and the latest closed one; with `period`, GET /farming/rewards/:period (what it paid, per farm and node). */
  rewards(): Promise<RewardsOverview>;
  rewards(period: number): Promise<PeriodRewardsView>;
  /** GET /net: the node's peer id, listen addresses, whether it is syncing, and its connected peers; RPC_NO_NETWORK (404) from a node without a peer-to-peer network (the in-process testnet). */
  net(): Promise<NetInfoView>;
  /** GET /anchors: a region's certificates and Hub receipt, or the Hub's regions (`region`: one of them; `limit`: 1..50 per list). */
  anchors(opts?: AnchorsOptions): Promise<AnchorsView>;
  /** GET /bridge/transfers/:id: a transfer sent from (`sent`) or claimed on (`claimed`) this chain; BRIDGE_UNKNOWN_TRANSFER (404) otherwise. */
  bridgeTransfer(id: string | Uint8Array): Promise<BridgeTransferView>;
  /** GET /proofs/state: `key`'s value and Merkle proof against the header of block `height` (default the latest), with that header and its commit. */
  stateProof(key: string | Uint8Array, height?: number): Promise<StateProofView>;
  /** Submits signed tx bytes (or their hex). Waiting: the committed TxView; otherwise `{ hash }`. */
  submitTx(tx: Uint8Array | string, opts: SubmitOptions & { wait: 'commit' }): Promise<TxView>;
  submitTx(tx: Uint8Array | string, opts?: SubmitOptions & { wait?: 'none' }): Promise<{ hash: string }>;
  submitTx(tx: Uint8Array | string, opts?: SubmitOptions): Promise<TxView | { hash: string }>;
  /** Polls GET /txs/:hash until committed; RPC_WAIT_TIMEOUT (status 0, details.hash) after timeoutMs. */
  waitForTx(hash: string, opts?: WaitOptions): Promise<TxView>;
  /** Opens the /events stream; returns its close function. */
  subscribe(filter: EventsFilter, onMessage: (m: EventMessage) => void, opts?: SubscribeOptions): () => void;
}

export interface AnchorsOptions {
  /** On the Hub: only this region (ANCHOR_UNKNOWN_REGION, 404, if it is not registered). */
  readonly region?: string;
  /** Certificates per list, 1..50 (node default 10). */
  readonly limit?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * The node's default wait for ?wait=commit (DEFAULT_WAIT_MS of rpc/api/schemas.ts; a test checks
 * they agree). Copied so the SDK does not pull TypeBox into browser bundles for one number.
 */
export const NODE_DEFAULT_WAIT_MS = 15_000;
const WAIT_MARGIN_MS = 5_000;

const seg = (s: string): string => encodeURIComponent(s);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createClient(options: ClientOptions): TfrClient {
  const base = options.url;
  new URL(base); // a malformed URL fails here, not at the first request
  const fetchFn: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function request<T>(method: 'GET' | 'POST', path: string, query: Record<string, string | undefined> = {}, body?: unknown, ms = timeoutMs): Promise<T> {
    const url = joinUrl(base, path, query);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      const init: Parameters<FetchLike>[1] = { method, headers, signal: controller.signal };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      let res: Awaited<ReturnType<FetchLike>>;
      let text: string;
      try {
        res = await fetchFn(url, init);
        text = await res.text();
      } catch (e) {
        if (controller.signal.aborted) throw new RpcError('RPC_TIMEOUT', `${method} ${url}: no answer within ${ms} ms`, 0);
        throw new RpcError('RPC_UNREACHABLE', `cannot reach ${url}: ${causeOf(e)}`, 0);
      }
      if (!res.ok) throw errorFromResponse(res.status, text);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new RpcError('RPC_BAD_RESPONSE', `${method} ${url}: the answer is not JSON`, res.status);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  const client: TfrClient = {
    url: base,
    status: () => request<Status>('GET', '/status'),
    features: () => request<FeaturesView>('GET', '/features'),
    account: (address) => request<AccountView>('GET', `/accounts/${seg(address)}`),
    block: (height) => request<BlockView>('GET', `/blocks/${height === 'latest' ? 'latest' : String(height)}`),
    tx: (hash) => request<TxView>('GET', `/txs/${seg(hash)}`),
    validators: () => request<ValidatorsView>('GET', '/validators'),
    accountProof: (address) => request<AccountProofView>('GET', `/proofs/accounts/${seg(address)}`),
    pool: (windowSeconds) => request<PoolStateView>('GET', '/pool', { window: windowSeconds === undefined ? undefined : String(windowSeconds) }),
    quote: (q) => request<QuoteView>('GET', '/pool/quote', quoteQuery(q)),
    position: (address) => request<PositionView>('GET', `/pool/positions/${seg(address)}`),
    daoParams: () => request<DaoParamsView>('GET', '/dao/params'),
    proposals: (status) => request<ProposalsView>('GET', '/dao/proposals', proposalsQuery(status)),
    proposal: (id, opts = {}) => request<ProposalView>('GET', daoPath('/dao/proposals', id, 'proposal id'), proposalQuery(opts)),
    policies: () => request<PoliciesView>('GET', '/farming/policies'),
    farm: (id) => request<FarmView>('GET', daoPath('/farming/farms', id, 'farm id')),
    node: (id) => request<NodeView>('GET', daoPath('/farming/nodes', id, 'node id')),
    rewards: ((period?: number) =>
      period === undefined ? request<RewardsOverview>('GET', '/farming/rewards') : request<PeriodRewardsView>('GET', daoPath('/farming/rewards', period, 'period', 0))) as TfrClient['rewards'],
    net: () => request<NetInfoView>('GET', '/net'),
    anchors: (opts = {}) => request<AnchorsView>('GET', '/anchors', { region: opts.region, limit: opts.limit === undefined ? undefined : String(opts.limit) }),
    bridgeTransfer: (id) => request<BridgeTransferView>('GET', `/bridge/transfers/${seg(hexOf(id, 'transfer id', 32))}`),
    stateProof: (key, height) => {
      if (height !== undefined && (!Number.isSafeInteger(height) || height < 1)) throw new ChainError('TX_BAD_PARAMS', `height must be a positive integer, got ${String(height)}`);
      return request<StateProofView>('GET', '/proofs/state', { key: hexOf(key, 'key'), height: height === undefined ? undefined : String(height) });
    },
    submitTx: ((tx: Uint8Array | string, opts: SubmitOptions = {}) => {
      const hex = typeof tx === 'string' ? tx : bytesToHex(tx);
      if (opts.wait !== 'commit') return request<{ hash: string }>('POST', '/txs', {}, { tx: hex });
      const waitMs = opts.timeoutMs ?? NODE_DEFAULT_WAIT_MS;
      const query = { wait: 'commit', ...(opts.timeoutMs !== undefined && { timeoutMs: String(opts.timeoutMs) }) };
      return request<TxView>('POST', '/txs', query, { tx: hex }, Math.max(timeoutMs, waitMs + WAIT_MARGIN_MS));
    }) as TfrClient['submitTx'],
    async waitForTx(hash, opts = {}) {
      const limit = opts.timeoutMs ?? 30_000;
      const pollMs = opts.pollMs ?? 500;
      const deadline = Date.now() + limit;
      let last = 'unknown';
      for (;;) {
        try {
          const view = await client.tx(hash);
          if (view.status === 'committed') return view;
          last = view.status;
        } catch (e) {
          // Not found yet: the node may not have seen it (another node's mempool, a relay in flight).
          if (!(e instanceof RpcError && e.code === 'RPC_TX_NOT_FOUND')) throw e;
          last = 'not found';
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new RpcError('RPC_WAIT_TIMEOUT', `tx ${hash} not committed after ${limit} ms (last seen: ${last})`, 0, { hash });
        await sleep(Math.min(pollMs, left));
      }
    },
    subscribe: (filter, onMessage, opts = {}) =>
      subscribeEvents(base, filter, onMessage, options.WebSocket !== undefined && opts.WebSocket === undefined ? { ...opts, WebSocket: options.WebSocket } : opts),
  };
  return client;
}

/** Hex of bytes, or the hex given (checked: even length, hex digits, `bytes` long when given). */
function hexOf(v: string | Uint8Array, field: string, bytes?: number): string {
  const hex = typeof v === 'string' ? v.toLowerCase() : bytesToHex(v);
  if (!/^(?:[0-9a-f]{2})+$/.test(hex) || (bytes !== undefined && hex.length !== 2 * bytes)) {
    throw new ChainError('TX_BAD_PARAMS', `${field} must be ${bytes === undefined ? '' : `${bytes} `}bytes of hex, got ${JSON.stringify(typeof v === 'string' ? v : hex)}`, { field });
  }
  return hex;
}

function causeOf(e: unknown): string {
  // undici reports "fetch failed" with the real reason (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (e as { cause?: unknown } | null)?.cause;
  const detail = cause instanceof Error ? cause.message : typeof (cause as { code?: unknown } | null)?.code === 'string' ? String((cause as { code: string }).code) : undefined;
  const msg = e instanceof Error ? e.message : String(e);
  return detail === undefined ? msg : `${msg} (${detail})`;
}
