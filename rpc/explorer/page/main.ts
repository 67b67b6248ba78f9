/**
 * The explorer page's entry: reads the node's status and features through the SDK, starts the
 * /events stream (so no block is missed while the sections load), then each section. Read-only:
 * no keys, no POST. Failures are shown on the page, never thrown to the console.
 */
import 'uplot/dist/uPlot.min.css';
import './explorer.css';
import type { EventMessage, FeaturesView, Status } from '../../api/schemas.ts';
import { createClient, type TfrClient } from '../../client/client.ts';
import { groupDigits } from '../view/format.ts';
import { blockCache } from './block-cache.ts';
import { bridgeSection } from './bridge-section.ts';
import { chainSection } from './chain-section.ts';
import { assetsOf, type ExplorerContext, type Section } from './context.ts';
import { daoSection } from './dao-section.ts';
import { byId, setText } from './dom.ts';
import { startLiveFeed, type FeedState } from './live-feed.ts';
import { poolSection } from './pool-section.ts';
import { validatorsSection } from './validators-section.ts';

const RETRY_MS = 3000;

function showConnection(state: FeedState | 'offline'): void {
  const el = byId('conn');
  el.dataset['state'] = state;
  setText(el, state === 'live' ? 'live' : state === 'offline' ? 'node unreachable: retrying' : state === 'reconnecting' ? 'reconnecting…' : 'connecting…');
}

async function firstRead(client: TfrClient): Promise<{ status: Status; features: FeaturesView }> {
  for (;;) {
    try {
      const [status, features] = await Promise.all([client.status(), client.features()]);
      return { status, features };
    } catch {
      showConnection('offline');
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

function describe(ctx: ExplorerContext): void {
  const s = ctx.status;
  setText(byId('chain-name'), s.chainId);
  document.title = `${s.chainId} · tfr explorer`;
  const what = ctx.features.role === 'hub' ? 'the Hub' : `region ${s.region}`;
  setText(byId('chain-about'), `${what} · ${groupDigits(String(s.validators))} validators · ${ctx.assets.TFT.symbol} and ${ctx.assets.REGIONAL.symbol} · node ${s.nodeVersion}`);
}

function safely(f: () => void): void {
  try {
    f();
  } catch {
    // One section's bad moment must not stop the others; its next block or refresh redraws it.
  }
}

async function main(): Promise<void> {
  const client = createClient({ url: new URL('.', location.href).toString(), timeoutMs: 15_000 });
  const { status, features } = await firstRead(client);
  const ctx: ExplorerContext = { client, status, features, assets: assetsOf(status), height: status.height, meanBlockMs: undefined };
  describe(ctx);
  const blocks = blockCache(client);
  const bridge = bridgeSection(ctx);
  const sections: Section[] = [chainSection(ctx, blocks, bridge.seen), validatorsSection(ctx, blocks), poolSection(ctx, blocks), daoSection(ctx), bridge];
  const dispatch = (m: EventMessage): void => {
    for (const s of sections) safely(() => (m.kind === 'block' ? s.block?.(m) : s.tx?.(m)));
  };
  startLiveFeed(client, {
    onMessage: dispatch,
    onState: showConnection,
    onReconnect: () => {
      for (const s of sections) safely(() => s.resync?.());
    },
  });
  await Promise.all(sections.map((s) => s.start().catch(() => undefined)));
}

void main().catch(() => showConnection('offline'));
