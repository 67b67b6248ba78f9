/**
 * Refreshes the README's picture of the explorer: `npm run explorer:screenshot [-- --out FILE]
 * [-- --viewport] [-- --phone] [-- --uptime]`. Starts `tfr testnet` (the 99 validators of
 * genesis/testnet.json; without the test nodes' uptime reports, whose dozen txs a block would fill
 * the block list, unless --uptime) in a temporary directory, gives the page something to show
 * through the CLI (swaps that move the price, a transfer, a proposal with votes of four test
 * farms), then takes a screenshot of the whole page at 1280 px wide (--viewport: only the first
 * 1280x900; --phone: 375 px wide) in headless Chromium (test/fixtures/browser.ts) to
 * rpc/explorer/screenshot.png (screenshot-phone.png), and stops the testnet. Takes about a
 * minute. Not a test: nothing here is asserted beyond the commands working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot } from '../fixtures/browser.ts';
import { getJson, REPO_ROOT, startTestnetProcess, tfrJson, until } from '../fixtures/tfr-testnet-process.ts';

const args = process.argv.slice(2);
const phone = args.includes('--phone');
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1]! : join(REPO_ROOT, 'rpc', 'explorer', phone ? 'screenshot-phone.png' : 'screenshot.png'));

const dir = mkdtempSync(join(tmpdir(), 'tfr-explorer-screenshot-'));
const env = { HOME: '/nonexistent-home-for-tests', TFR_HOME: join(dir, 'tfr-home') };
const log = (s: string): void => void process.stdout.write(`${s}\n`);

const net = await startTestnetProcess(join(dir, 'data'), args.includes('--uptime') ? [] : ['--no-uptime']);
try {
  log(`testnet at ${net.url}`);
  const height = async (): Promise<number> => (await getJson<{ height: number }>(net.url, '/status')).height;
  const waitBlocks = async (n: number): Promise<void> => {
    const target = (await height()) + n;
    await until(`height ${target}`, async () => ((await height()) >= target ? true : undefined), 60_000);
  };
  const tfr = async (argv: string[]): Promise<void> => {
    log(`tfr ${argv.join(' ')}`);
    await tfrJson([...argv, '--rpc', net.url], env);
  };
  await waitBlocks(2);
  await tfr(['swap', '--key', 'carol', '--in', 'TFT', '--amount', '2500']);
  await waitBlocks(3);
  await tfr(['swap', '--key', 'dave', '--in', 'REGIONAL', '--amount', '40000']);
  await waitBlocks(3);
  await tfr(['swap', '--key', 'erin', '--in', 'TFT', '--amount', '1200']);
  const bob = (await tfrJson<{ address: string }>(['account', '--key', 'bob', '--rpc', net.url], env)).address;
  await tfr(['transfer', '--key', 'alice', '--to', bob, '--amount', '12.5', '--asset', 'TFT']);
  const proposed = await tfrJson<{ proposalId: number }>(['dao', 'propose', '--key', 'bob', '--title', 'Lower the swap fee to 0.25%', '--description', 'Cheaper swaps for farmers selling rewards', '--set-pool-fee', '25', '--rpc', net.url], env);
  log(`proposal ${proposed.proposalId}`);
  const votes: Array<[string, string, number]> = [['alice', 'yes', 1], ['bob', 'yes', 2], ['carol', 'no', 3], ['dave', 'abstain', 4]];
  for (const [key, choice, farm] of votes) await tfr(['dao', 'vote', String(proposed.proposalId), choice, '--farm', String(farm), '--key', key]);
  await waitBlocks(2);

  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, `${net.url}/`, phone ? PHONE : DESKTOP);
    await page.page.locator('[data-testid="validator-cell"]').first().waitFor({ timeout: 15_000 });
    await page.page.locator(`[data-testid="proposal-row"][data-proposal-id="${proposed.proposalId}"]`).waitFor({ timeout: 15_000 });
    await waitBlocks(2);
    await screenshot(page.page, 'readme', { path: out, fullPage: !args.includes('--viewport') });
    if (page.problems.all.length > 0) log(`page problems:\n${page.problems.all.join('\n')}`);
    log(`wrote ${out}`);
    await page.close();
  } finally {
    await browser.close();
  }
} finally {
  await net.stop();
  rmSync(dir, { recursive: true, force: true });
}
