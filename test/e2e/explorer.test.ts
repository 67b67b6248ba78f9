/**
 * The explorer page (`/` of the node's RPC server) in headless Chromium, against `tfr testnet`
 * (the 99 validators of genesis/testnet.json, with the test nodes' uptime reports) started as a
 * process, as a user runs it. Only the CLI acts on the chain (`node bin/tfr.js transfer | swap |
 * dao propose | dao vote`); the page, opened once, must show each action without a reload: the
 * tx row with its hash, the pool's reserves moving, the proposal and its tally bar. Also: the
 * height increases live, the quote calculator gives exactly what `GET /pool/quote` gives, the
 * phone width has no horizontal scrolling, and no console error, warning, page error or failed
 * request ever happens. Screenshots at phone (375x812) and desktop (1280x900) widths go to
 * `test-artifacts/explorer/`.
 *
 * The page's contract is its `data-testid`s (rpc/explorer/README.md).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testAccountKey, TESTNET_SEED } from '../../genesis/test-accounts.ts';
import { addressFromPublicKey } from '../../rpc/client/index.ts';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot, type OpenedPage } from '../fixtures/browser.ts';
import { getJson, startTestnetProcess, tfrJson, until, type TestnetProcess } from '../fixtures/tfr-testnet-process.ts';

const tid = (id: string): string => `[data-testid="${id}"]`;

interface Status {
  height: number;
  addressPrefix: string;
  validators: number;
  assets: Array<{ id: string; symbol: string; decimals: number }>;
}
interface TxView {
  hash: string;
  code: string;
  height: number;
  tx: { module: string; command: string };
}
interface Tally {
  yes: number;
  no: number;
  abstain: number;
  veto: number;
}
interface PoolView {
  reserves: { TFT: string; REGIONAL: string };
}
interface QuoteView {
  amountIn: string;
  amountOut: string;
  reserves: { TFT: string; REGIONAL: string };
}

/** Records the HTML and text of every tx row the page ever shows (rows may scroll out later). */
const WATCH_TX_ROWS = `(() => {
  const seen = (globalThis.__tfrTxRows = new Map());
  const scan = () => document.querySelectorAll('[data-testid="tx-row"]').forEach((e) => seen.set(e.outerHTML, e.textContent ?? ''));
  scan();
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
})()`;

async function seenTxRows(page: Page): Promise<Array<{ html: string; text: string }>> {
  return page.evaluate('[...globalThis.__tfrTxRows].map(([html, text]) => ({ html, text }))');
}

async function textOf(page: Page, id: string): Promise<string> {
  return ((await page.locator(tid(id)).first().textContent()) ?? '').trim();
}

async function heightOnPage(page: Page): Promise<number> {
  const t = (await textOf(page, 'chain-height')).replace(/[\s,.\u202f\u00a0]/g, '');
  return /^\d+$/.test(t) ? Number(t) : 0;
}

/** Whole tokens of base units, as "123.4567" (trailing zeros cut). */
function tokens(units: string, decimals: number): string {
  const s = units.padStart(decimals + 1, '0');
  const frac = s.slice(s.length - decimals).replace(/0+$/, '');
  return `${s.slice(0, s.length - decimals)}${frac === '' ? '' : `.${frac}`}`;
}

describe('e2e: the explorer page in headless Chromium', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'tfr-e2e-explorer-'));
  const env = { HOME: '/nonexistent-home-for-tests', TFR_HOME: join(dir, 'tfr-home') };
  let net: TestnetProcess;
  let browser: Browser;
  let desk: OpenedPage;
  let page: Page;
  let status: Status;
  let tftDecimals = 7;
  let regionalDecimals = 7;

  before(async function () {
    this.timeout(90_000);
    [net, browser] = await Promise.all([startTestnetProcess(join(dir, 'data')), launchBrowser()]);
    status = await until('height 1', async () => {
      const s = await getJson<Status>(net.url, '/status');
      return s.height >= 1 ? s : undefined;
    });
    tftDecimals = status.assets.find((a) => a.id === 'TFT')?.decimals ?? 7;
    regionalDecimals = status.assets.find((a) => a.id === 'REGIONAL')?.decimals ?? 7;
    desk = await openPage(browser, `${net.url}/`, DESKTOP);
    page = desk.page;
    await page.evaluate(WATCH_TX_ROWS);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`--- page problems\n${desk?.problems.all.join('\n') ?? ''}\n--- tfr testnet output (last 3000 characters)\n${net?.output().slice(-3000) ?? ''}`);
    }
  });

  after(async () => {
    await browser?.close();
    await net?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** No console error or warning, page error or failed request since the last check. */
  const expectClean = (): void => {
    expect(desk.problems.takeNew(), 'console errors, page errors, failed requests').to.deep.equal([]);
  };

  it('loads with every section, a cell per validator and labelled inputs, and no console errors', async () => {
    await until('a height on the page', async () => ((await heightOnPage(page)) >= 1 ? true : undefined), 15_000);
    await until('a block row', async () => ((await page.locator(tid('block-row')).count()) > 0 ? true : undefined), 15_000);
    expect(await page.title()).to.not.equal('');
    const cells = page.locator(`${tid('validator-grid')} ${tid('validator-cell')}`);
    await until(`${status.validators} validator cells`, async () => ((await cells.count()) === status.validators ? true : undefined), 15_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${await cells.count()} on the page`);
    });
    for (const id of ['pool-reserves', 'pool-price', 'price-chart', 'quote-form', 'proposal-list', 'policy-list', 'anchor-height', 'certificate-list', 'transfer-list']) {
      expect(await page.locator(tid(id)).count(), id).to.be.greaterThan(0);
    }
    const chart = await page.locator(tid('price-chart')).first().boundingBox();
    expect(chart?.width ?? 0, 'price chart width').to.be.greaterThan(100);
    expect(chart?.height ?? 0, 'price chart height').to.be.greaterThan(50);
    await until('the farming policies', async () => (/diy/i.test(await textOf(page, 'policy-list')) ? true : undefined), 10_000);
    // Accessible names: every form control is labelled.
    const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
      .filter((e) => (e.labels?.length ?? 0) === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !(e.tagName === 'BUTTON' && e.textContent.trim()))
      .map((e) => e.outerHTML.slice(0, 120))`);
    expect(unlabelled, 'form controls without a label').to.deep.equal([]);
    expect(await page.locator('html').getAttribute('lang'), '<html lang>').to.be.a('string').and.not.equal('');
    expectClean();
  });

  it('shows the height increasing without a reload', async () => {
    const h0 = await heightOnPage(page);
    const h1 = await until('the height on the page to grow by 2', async () => {
      const h = await heightOnPage(page);
      return h >= h0 + 2 ? h : undefined;
    }, 15_000, 100);
    expect(desk.navigations(), 'navigations after the first load').to.equal(0);
    // The page keeps up with the node.
    const node = (await getJson<Status>(net.url, '/status')).height;
    expect(node - h1).to.be.within(0, 3);
    const rows = (await page.locator(tid('block-row')).allTextContents()).map((t) => t.replace(/[\s,\u202f\u00a0]/g, ''));
    expect(rows.some((t) => t.includes(String(h1))), `a block row of height ${h1} in ${JSON.stringify(rows.slice(0, 3))}`).to.equal(true);
    expectClean();
  });

  it('shows a CLI transfer as a tx row with its module, command and hash', async () => {
    const to = addressFromPublicKey(status.addressPrefix, testAccountKey(TESTNET_SEED, 'bob').publicKey);
    const sent = await tfrJson<TxView>(['transfer', '--key', 'alice', '--to', to, '--amount', '12.5', '--asset', 'TFT', '--rpc', net.url], env);
    expect(sent.code).to.equal('OK');
    const row = await until(`a tx row with ${sent.hash}`, async () => (await seenTxRows(page)).find((r) => r.html.includes(sent.hash)), 15_000);
    expect(row.text).to.include(sent.tx.command);
    expect(row.text).to.include(sent.tx.module);
    expect(desk.navigations()).to.equal(0);
    expectClean();
  });

  it('shows a CLI swap: its tx row, and the reserves moving to those of GET /pool', async () => {
    const before = await textOf(page, 'pool-reserves');
    const priceBefore = await textOf(page, 'pool-price');
    const swapped = await tfrJson<TxView>(['swap', '--key', 'carol', '--in', 'TFT', '--amount', '2500', '--rpc', net.url], env);
    expect(swapped.code).to.equal('OK');
    await until(`a tx row with ${swapped.hash}`, async () => (await seenTxRows(page)).find((r) => r.html.includes(swapped.hash)), 15_000);
    const after = await until('the reserves on the page to change', async () => {
      const t = await textOf(page, 'pool-reserves');
      return t !== before ? t : undefined;
    }, 15_000);
    // Each reserve exactly, in whole tokens with every decimal (however the page groups digits).
    const pool = await getJson<PoolView>(net.url, '/pool');
    const digits = after.replace(/[\s,\u202f\u00a0'_]/g, '');
    for (const [asset, units, decimals] of [['TFT', pool.reserves.TFT, tftDecimals], ['REGIONAL', pool.reserves.REGIONAL, regionalDecimals]] as const) {
      expect(digits, `${asset} reserve ${tokens(units, decimals)} in "${after}"`).to.include(tokens(units, decimals));
      // And in base units, where the page gives them (data-tft, data-regional).
      const exact = await page.locator(tid('pool-reserves')).first().getAttribute(`data-${asset.toLowerCase()}`);
      if (exact !== null) expect(exact, `data-${asset.toLowerCase()}`).to.equal(units);
    }
    await until('the price on the page to change', async () => ((await textOf(page, 'pool-price')) !== priceBefore ? true : undefined), 15_000);
    expectClean();
  });

  it('shows a CLI proposal, and a CLI vote moving its tally bar to the tally of GET /dao/proposals/:id', async () => {
    const proposed = await tfrJson<{ proposalId: number; tx: TxView }>(['dao', 'propose', '--key', 'bob', '--title', 'Explorer test: a text proposal', '--description', 'voted by the browser test', '--rpc', net.url], env);
    expect(proposed.tx.code).to.equal('OK');
    const id = proposed.proposalId;
    const row = page.locator(`${tid('proposal-row')}[data-proposal-id="${id}"]`);
    await row.waitFor({ state: 'attached', timeout: 15_000 });
    expect(await row.textContent()).to.include('Explorer test: a text proposal');
    const bar = row.locator(tid('tally-bar'));
    const barValues = async (): Promise<Tally> => {
      const read = async (k: string) => Number(await bar.getAttribute(`data-${k}`));
      return { yes: await read('yes'), no: await read('no'), abstain: await read('abstain'), veto: await read('veto') };
    };
    expect(await barValues()).to.deep.equal({ yes: 0, no: 0, abstain: 0, veto: 0 });

    const voted = await tfrJson<TxView>(['dao', 'vote', String(id), 'yes', '--farm', '1', '--key', 'alice', '--rpc', net.url], env);
    expect(voted.code).to.equal('OK');
    const { tally } = await getJson<{ tally: Tally }>(net.url, `/dao/proposals/${id}`);
    expect(tally.yes).to.be.greaterThan(0);
    const want = { yes: tally.yes, no: tally.no, abstain: tally.abstain, veto: tally.veto };
    await until(`the tally bar at ${JSON.stringify(want)}`, async () => {
      const v = await barValues();
      return JSON.stringify(v) === JSON.stringify(want) ? true : undefined;
    }, 15_000).catch(async (e: Error) => {
      throw new Error(`${e.message}; the bar shows ${JSON.stringify(await barValues())}`);
    });
    const vote = await until(`a tx row with ${voted.hash}`, async () => (await seenTxRows(page)).find((r) => r.html.includes(voted.hash)), 15_000);
    expect(vote.text).to.include(voted.tx.command);
    expect(desk.navigations()).to.equal(0);
    expectClean();
  });

  it('gives exactly the quote of GET /pool/quote, both ways', async () => {
    const cases = [
      { direction: 'TFT', amount: '123.4567891', units: '1234567891' },
      { direction: 'REGIONAL', amount: '5000', units: (5000n * 10n ** BigInt(regionalDecimals)).toString() },
      { direction: 'TFT', amount: '0.0000003', units: '3' },
    ];
    for (const c of cases) {
      await page.locator(tid('quote-direction')).selectOption(c.direction);
      await page.locator(tid('quote-amount')).fill(c.amount);
      const output = page.locator(tid('quote-output'));
      let lastShown: string | null = null;
      let lastWanted = '';
      await until(`the quote of ${c.amount} ${c.direction}`, async () => {
        // Ask the node each time: the page may have quoted on reserves a block newer or older.
        const q = await getJson<QuoteView>(net.url, `/pool/quote?in=${c.direction}&amount=${c.units}`);
        lastWanted = q.amountOut;
        lastShown = await output.getAttribute('data-base-units');
        return lastShown === q.amountOut ? true : undefined;
      }, 10_000).catch((e: Error) => {
        throw new Error(`${e.message}: the page shows ${lastShown}, GET /pool/quote gives ${lastWanted}`);
      });
      expect(((await output.textContent()) ?? '').trim(), 'the quote output text').to.not.equal('');
    }
    expectClean();
  });

  it('fits a phone (375x812) without horizontal scrolling; screenshots at phone and desktop widths', async () => {
    const phone = await openPage(browser, `${net.url}/`, PHONE);
    try {
      await until('a height on the phone page', async () => ((await heightOnPage(phone.page)) >= 1 ? true : undefined), 15_000);
      await phone.page.locator(`${tid('validator-cell')}`).first().waitFor({ timeout: 15_000 });
      const width = await phone.page.evaluate('document.documentElement.scrollWidth');
      expect(width, 'page width at 375 px').to.be.at.most(375);
      // Light enough for a phone: the page's own files (HTML, script, styles, compressed) are small.
      const traffic = phone.traffic();
      const own = ['document', 'script', 'stylesheet'].reduce((n, t) => n + (traffic.get(t)?.bytes ?? 0), 0);
      console.log(`      first load on the phone: ${[...traffic].map(([t, v]) => `${t} ${v.requests} requests ${Math.round(v.bytes / 1024)} KiB`).join(', ')}`);
      expect(own, 'bytes of HTML, scripts and styles').to.be.below(300 * 1024);
      const shot = await screenshot(phone.page, 'phone');
      expect(phone.problems.all, 'problems on the phone page').to.deep.equal([]);
      console.log(`      screenshots: ${shot}`);
    } finally {
      await phone.close();
    }
    console.log(`      screenshots: ${await screenshot(page, 'desktop')}`);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'desktop-viewport', { fullPage: false });
    expectClean();
  });
});
