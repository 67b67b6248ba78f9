/**
 * The page's event stream over a fake SDK client: messages pass through, a closed or failing
 * socket is reopened after growing delays (reset by a successful open), the page is told when it
 * reconnected (not on the first open), and stopping it ends everything. No browser needed: the
 * feed uses only the SDK's `subscribe` and timers.
 */
import { expect } from 'chai';
import type { EventMessage } from '../../rpc/api/schemas.ts';
import type { TfrClient } from '../../rpc/client/client.ts';
import type { SubscribeOptions } from '../../rpc/client/subscribe.ts';
import { startLiveFeed, type FeedState } from '../../rpc/explorer/page/live-feed.ts';

interface FakeSocket {
  readonly opts: SubscribeOptions;
  readonly onMessage: (m: EventMessage) => void;
  closed: boolean;
  at: number;
}

function fakeClient(opts: { throwOnSubscribe?: () => boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const client = {
    subscribe: (_filter: unknown, onMessage: (m: EventMessage) => void, o: SubscribeOptions = {}) => {
      if (opts.throwOnSubscribe?.() === true) throw new TypeError('no WebSocket');
      const s: FakeSocket = { opts: o, onMessage, closed: false, at: Date.now() };
      sockets.push(s);
      return () => {
        s.closed = true;
      };
    },
  } as unknown as TfrClient;
  return { client, sockets };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const block = (height: number): EventMessage => ({ kind: 'block', height, hash: '00'.repeat(32), time: '2026-11-01T00:00:00.000Z', proposer: 'v', txs: 0, signers: 1, stateRoot: '00'.repeat(32) });

describe('explorer page: live feed', () => {
  it('passes messages, reconnects with growing delays after closes, and says when it reconnected', async () => {
    const { client, sockets } = fakeClient();
    const states: FeedState[] = [];
    const got: number[] = [];
    let reconnects = 0;
    const stop = startLiveFeed(client, { onMessage: (m) => got.push(m.height), onState: (s) => states.push(s), onReconnect: () => reconnects++, delayMs: 20, maxDelayMs: 60 });
    expect(sockets).to.have.length(1);
    sockets[0]!.opts.onOpen?.();
    sockets[0]!.onMessage(block(7));
    expect(got).to.deep.equal([7]);
    expect(reconnects).to.equal(0);

    // The node goes away: closes without an open in between back off 20, 40, 60, 60 ms (timers never fire early).
    const closedAt: number[] = [Date.now()];
    sockets[0]!.opts.onClose?.(1006, '');
    for (let i = 1; i <= 4; i++) {
      await sleep(150);
      expect(sockets.length, `attempt ${i}`).to.equal(i + 1);
      sockets[i]!.opts.onError?.(Object.assign(new Error('refused'), { code: 'RPC_UNREACHABLE', status: 0, details: undefined }) as never);
      closedAt.push(Date.now());
      sockets[i]!.opts.onClose?.(1006, '');
    }
    const gaps = sockets.slice(1, 5).map((s, i) => s.at - closedAt[i]!);
    [20, 40, 60, 60].forEach((want, i) => expect(gaps[i]!, `gap ${i + 1}`).to.be.at.least(want - 2));
    await sleep(150);
    const last = sockets[sockets.length - 1]!;
    last.opts.onOpen?.();
    expect(reconnects).to.equal(1);
    expect(states[0]).to.equal('connecting');
    expect(states).to.include('reconnecting');
    expect(states[states.length - 1]).to.equal('live');
    last.onMessage(block(9));
    expect(got).to.deep.equal([7, 9]);

    stop();
    expect(last.closed).to.equal(true);
    const count = sockets.length;
    await sleep(100);
    expect(sockets.length).to.equal(count);
  });

  it('a subscribe that throws is retried too; stopping cancels the pending retry', async () => {
    let failures = 2;
    const { client, sockets } = fakeClient({ throwOnSubscribe: () => failures-- > 0 });
    const states: FeedState[] = [];
    const stop = startLiveFeed(client, { onMessage: () => undefined, onState: (s) => states.push(s), onReconnect: () => undefined, delayMs: 10 });
    expect(sockets).to.have.length(0);
    await sleep(120);
    expect(sockets).to.have.length(1);
    expect(states.filter((s) => s === 'reconnecting')).to.have.length(2);
    sockets[0]!.opts.onClose?.(1013, 'reading too slowly');
    stop();
    await sleep(60);
    expect(sockets).to.have.length(1);
  });
});
