/**
 * The relayer's state on disk (rpc/relayer/relayer-state-file.ts): a missing file is no state, a
 * save creates the directories and replaces the file whole (no temp file left), a relayer over it
 * resumes after a restart, a corrupt file is ignored with a warning naming it; and the relayer
 * built into `tfr node` (startNodeRelayer) keeps `<data>/relayer-state.json` and resumes from it.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryLogger } from '../../chain/ports/memory-logger.ts';
import { startNodeRelayer } from '../../rpc/cli/node-hub.ts';
import { decodeRelayerState } from '../../rpc/relayer/relayer-state.ts';
import { fileStateStore, stateStoreIn } from '../../rpc/relayer/relayer-state-file.ts';
import { tempDir } from '../cli/run-tfr.ts';
import { clearAsked, deposit, HUB, RELAYER_KEY, relayerOf, relayerWorld, REGION } from '../fixtures/relayer-world.ts';

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('relayer: the state file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  it('missing is no state; a save creates its directory and replaces the file whole', async () => {
    const path = join(tmp.dir, 'a', 'b', 'relayer-state.json');
    const store = fileStateStore(path);
    expect(store.where).to.equal(path);
    expect(await store.load()).to.equal(undefined);
    await store.save('{"one": 1}\n');
    await store.save('{"two": 2}\n');
    expect(await store.load()).to.equal('{"two": 2}\n');
    expect(readdirSync(join(tmp.dir, 'a', 'b'))).to.deep.equal(['relayer-state.json']);
    expect(stateStoreIn(tmp.dir).where).to.equal(join(tmp.dir, 'relayer-state.json'));
  });

  it('a relayer over the file resumes after a restart; a corrupt file is ignored with a warning', async () => {
    const path = join(tmp.dir, 'relayer-state.json');
    const w = relayerWorld();
    deposit(w, 0xd1);
    w.hub.commitBlock();
    expect((await relayerOf(w, fileStateStore(path)).round()).claimed).to.have.length(1);
    const saved = decodeRelayerState(readFileSync(path, 'utf8'));
    expect(saved).to.deep.include({ deposits: {}, withdrawals: {} });
    expect(saved).to.have.nested.property('hub.next', 13);

    clearAsked(w);
    const late = deposit(w, 0xd2);
    expect((await relayerOf(w, fileStateStore(path)).round()).claimed).to.deep.equal([]);
    expect(w.asked.hub).to.deep.equal([12, 13]);
    w.hub.commitBlock();

    writeFileSync(path, 'garbage');
    clearAsked(w);
    const r = await relayerOf(w, fileStateStore(path)).round();
    expect(r.claimed, 'found again by the rescan').to.deep.equal([late]);
    expect(w.asked.hub[0]).to.equal(1);
    expect(w.logs).to.deep.include(['warn', `ignoring the relayer state ${path}: not JSON; scanning from the start; the state in ${path} is replaced after this round`]);
    expect(decodeRelayerState(readFileSync(path, 'utf8'))).to.have.nested.property('hub.chainId', HUB);
  });

  it("tfr node's relayer keeps <data>/relayer-state.json and resumes from it", async () => {
    const w = relayerWorld();
    const dep = deposit(w, 0xd1);
    w.hub.commitBlock();
    const logger = new MemoryLogger();
    const key = { name: 'niaj', secretKey: RELAYER_KEY.secret, publicKey: RELAYER_KEY.publicKey, file: undefined };
    const path = join(tmp.dir, 'relayer-state.json');
    const start = () => startNodeRelayer({ region: w.clients.region, hub: w.clients.hub, key, logger, releaseWithdrawals: false, pollMs: 5, dataDir: tmp.dir });

    const first = start();
    await until(() => w.region.transfers.get(dep)?.status === 'claimed' && existsSync(path), 'the claim and the state file');
    await first.stop();
    const saved = decodeRelayerState(readFileSync(path, 'utf8'));
    expect(saved).to.deep.include({ version: 1 });
    expect(saved).to.have.nested.property('region.chainId', REGION);
    expect(logger.entries.map((e) => e.message)).to.include(`no relayer state in ${path} yet: scanning from the start`);

    clearAsked(w);
    const second = start();
    await until(() => logger.entries.some((e) => e.message.startsWith(`resuming from ${path}: Hub ${HUB} at height 13`)), 'the resume');
    await second.stop();
    expect(w.asked.hub).to.not.include(1);
    expect(logger.entries.filter((e) => e.level === 'warn' || e.level === 'error')).to.deep.equal([]);
  });
});
