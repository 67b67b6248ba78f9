/**
 * `tfr relayer --state FILE` in-process against two scripted nodes (test/fixtures/fake-rpc-node.ts):
 * the first run scans the Hub from height 1 and saves its position (the path relative to the
 * CLI's directory); the next resumes there and asks for no earlier block; without --state it says
 * that a restart rescans.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnchorsView, RegionView } from '../../rpc/api/anchor-schemas.ts';
import type { FetchLike } from '../../rpc/client/client.ts';
import { runCli } from '../../rpc/cli/main.ts';
import { decodeRelayerState } from '../../rpc/relayer/relayer-state.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';
import { tempDir } from './run-tfr.ts';

const REGION = 'tfr-testnet-1';
const HUB = 'tfr-hub-1';
const HASH = 'ab'.repeat(32);

function chains(): { hub: FakeRpcNode; region: FakeRpcNode; fetch: FetchLike } {
  const hub = new FakeRpcNode();
  hub.status = { ...hub.status, chainId: HUB, region: 'hub', addressPrefix: 'hub' };
  const region = new FakeRpcNode();
  region.status = { ...region.status, chainId: REGION, region: 'testnet', addressPrefix: 'testnet' };
  const record: RegionView = { chainId: REGION, registeredHeight: 0, lastHeight: 100, lastBlockHash: HASH, lastStateRoot: HASH, lastHubHeight: 7, frozen: false, threshold: 67, validators: 99, totalWeight: 99, validatorsHash: HASH, certificates: [], forks: [] };
  // Nothing to anchor: the region's receipt is the Hub's last accepted height.
  region.getRoutes.set('/anchors', (): AnchorsView => ({
    role: 'region',
    chainId: REGION,
    height: region.status.height,
    anchorInterval: 50,
    hubChainId: HUB,
    validatorSet: { hash: HASH, threshold: 67, totalWeight: 99, validators: 99 },
    receipt: { height: 100, blockHash: HASH, stateRoot: HASH, hubHeight: 7, provenAtHubHeight: 8 },
    anchoredHeight: 100,
    certificates: [],
    regions: [],
  }));
  hub.getRoutes.set('/anchors', (): AnchorsView => ({ role: 'hub', chainId: HUB, height: hub.status.height, anchorInterval: 50, hubChainId: HUB, validatorSet: null, receipt: null, anchoredHeight: null, certificates: [], regions: [record] }));
  const fetch: FetchLike = async (url, init) => (new URL(url).host === 'hub.test' ? hub : region).fetch(url, init);
  return { hub, region, fetch };
}

describe('cli: tfr relayer --state', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  async function relayer(fetch: FetchLike, extra: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const argv = ['relayer', '--region-rpc', 'http://region.test', '--hub-rpc', 'http://hub.test', '--key', 'niaj', '--once', ...extra];
    const code = await runCli(argv, { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env: { HOME: '/nonexistent-home-for-tests' }, cwd: tmp.dir, fetch });
    return { code, stdout, stderr };
  }

  const blocksAsked = (node: FakeRpcNode): string[] => node.requests.map((q) => q.url.pathname).filter((p) => p.startsWith('/blocks/'));

  it('saves the scan positions and resumes from them', async () => {
    const c = chains();
    const file = join(tmp.dir, 'state', 'relayer-state.json');
    const first = await relayer(c.fetch, ['--state', 'state/relayer-state.json']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain(`relayer info: no relayer state in ${file} yet: scanning from the start\n`);
    expect(blocksAsked(c.hub)[0]).to.equal('/blocks/1');
    const saved = decodeRelayerState(readFileSync(file, 'utf8'));
    expect(saved).to.deep.include({ hub: { chainId: HUB, next: 42, lastHash: c.hub.blocks.get(41)!.hash }, deposits: {}, withdrawals: {} });

    c.hub.commitBlock();
    c.hub.commitBlock();
    c.hub.requests.length = 0;
    const second = await relayer(c.fetch, ['--state', 'state/relayer-state.json']);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.contain(`relayer info: resuming from ${file}: Hub ${HUB} at height 42, region ${REGION} at height 1, 0 transfer(s) pending\n`);
    expect(blocksAsked(c.hub)).to.deep.equal(['/blocks/41', '/blocks/42', '/blocks/43']);
    expect(decodeRelayerState(readFileSync(file, 'utf8'))).to.have.nested.property('hub.next', 44);
  });

  it('without --state: memory only, and it says so', async () => {
    const c = chains();
    const r = await relayer(c.fetch, []);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('relayer info: no --state FILE: scan positions kept in memory only, a restart rescans from Hub height 1 and region height 1\n');
  });
});
