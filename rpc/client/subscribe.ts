/**
 * The GET /events WebSocket: block and tx messages as the node commits them. The WebSocket
 * constructor is injected (browsers have one; Node 20 does not: pass the `ws` package's), and only
 * the browser API's onopen/onmessage/onerror/onclose/close are used, which `ws` also provides.
 */
import type { EventMessage } from '../api/schemas.ts';
import { RpcError } from './rpc-error.ts';
import { wsUrl } from './url.ts';

/** A handler type whose parameter is checked bivariantly, so `ws`'s richer event types fit. */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the browser WebSocket API the client uses. */
export interface WebSocketLike {
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onerror: Handler<unknown> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface EventsFilter {
  /** Default both. */
  readonly kinds?: ReadonlyArray<'block' | 'tx'>;
  /** Only txs sent by or naming this address (block messages are not filtered by it). */
  readonly address?: string;
  /** Only txs of this module. */
  readonly module?: string;
}

export interface SubscribeOptions {
  /** Default: globalThis.WebSocket (browsers, Node 22+). */
  readonly WebSocket?: WebSocketConstructor;
  readonly onOpen?: () => void;
  /** A socket error (RPC_UNREACHABLE) or a message that is not a block or tx message (RPC_BAD_RESPONSE). */
  readonly onError?: (error: RpcError) => void;
  /** The socket closed (by the node, the network, or the returned close function). */
  readonly onClose?: (code: number, reason: string) => void;
}

function textOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return new TextDecoder().decode(data);
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(data));
  return undefined;
}

function parseMessage(data: unknown): EventMessage | undefined {
  const text = textOf(data);
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const kind = (v as { kind?: unknown }).kind;
  const height = (v as { height?: unknown }).height;
  return (kind === 'block' || kind === 'tx') && typeof height === 'number' ? (v as EventMessage) : undefined;
}

/** Opens the stream; returns the function that closes it (after which no callback fires). */
export function subscribeEvents(baseUrl: string, filter: EventsFilter, onMessage: (m: EventMessage) => void, opts: SubscribeOptions = {}): () => void {
  const Ctor = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (Ctor === undefined) throw new TypeError('no WebSocket in this environment: pass one (in Node 20, the ws package)');
  const url = wsUrl(baseUrl, '/events', {
    kinds: filter.kinds === undefined ? undefined : filter.kinds.join(','),
    address: filter.address,
    module: filter.module,
  });
  let closed = false;
  const socket = new Ctor(url);
  socket.onopen = () => {
    if (!closed) opts.onOpen?.();
  };
  socket.onmessage = (event) => {
    if (closed) return;
    const m = parseMessage(event.data);
    if (m !== undefined) onMessage(m);
    else opts.onError?.(new RpcError('RPC_BAD_RESPONSE', 'an /events message is not a block or tx message', 0));
  };
  socket.onerror = (event) => {
    if (closed) return;
    const why = (event as { message?: unknown } | null)?.message;
    opts.onError?.(new RpcError('RPC_UNREACHABLE', `event stream ${url}: ${typeof why === 'string' ? why : 'socket error'}`, 0));
  };
  socket.onclose = (event) => {
    if (closed) return;
    closed = true;
    opts.onClose?.(event.code, event.reason);
  };
  return () => {
    if (closed) return;
    closed = true;
    try {
      socket.close(1000, 'client closed');
    } catch {
      // closing a socket that never opened may throw in some implementations; it is closed either way
    }
  };
}
