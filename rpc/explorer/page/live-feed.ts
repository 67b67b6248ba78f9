/**
 * The /events WebSocket (the SDK's `subscribe`) kept open: when the node closes it, restarts or
 * the network drops, it reconnects after 1 s, 2 s, 4 s ... (at most 15 s), quietly (the header
 * says "reconnecting"; nothing is logged), and tells the page it reconnected so sections catch up.
 */
import type { EventMessage } from '../../api/schemas.ts';
import type { TfrClient } from '../../client/client.ts';

export type FeedState = 'connecting' | 'live' | 'reconnecting';

export interface LiveFeedOptions {
  readonly onMessage: (m: EventMessage) => void;
  readonly onState: (s: FeedState) => void;
  /** After a reconnection (not the first open). */
  readonly onReconnect: () => void;
  /** First retry delay (default 1 s; doubled per failure up to `maxDelayMs`, 15 s). */
  readonly delayMs?: number;
  readonly maxDelayMs?: number;
}

export function startLiveFeed(client: TfrClient, o: LiveFeedOptions): () => void {
  let close: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let opened = false;
  const first = o.delayMs ?? 1000;
  const max = o.maxDelayMs ?? 15_000;
  let delay = first;

  const connect = (): void => {
    if (stopped) return;
    try {
      close = client.subscribe({ kinds: ['block', 'tx'] }, o.onMessage, {
        onOpen: () => {
          delay = first;
          o.onState('live');
          if (opened) o.onReconnect();
          opened = true;
        },
        onError: () => undefined,
        onClose: () => retry(),
      });
    } catch {
      retry();
    }
  };
  const retry = (): void => {
    close = undefined;
    if (stopped) return;
    o.onState('reconnecting');
    timer = setTimeout(connect, delay);
    delay = Math.min(max, delay * 2);
  };

  o.onState('connecting');
  connect();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    close?.();
  };
}
