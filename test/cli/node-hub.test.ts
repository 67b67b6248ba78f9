/**
 * `tfr node` and the Hub (rpc/cli/node-hub.ts): `--trusted-checkpoint HEIGHT:BLOCKHASH` parsing;
 * the options checked against each other and the genesis before anything opens; the region's
 * anchored checkpoint read from a Hub RPC (a real server over a small Hub chain, through `inject`),
 * proven against the Hub validator of the genesis's "hub" section (the lies it refuses:
 * hub-checkpoint.test.ts), with every refusal; and, in-process, a one-validator node started
 * with `--hub-rpc` and `--relayer-key`: it logs the Hub's proven checkpoint, runs the relayer
 * against its own RPC and the Hub, and stops cleanly (also as a process, on SIGTERM); restarted on the same data with a checkpoint
 * its chain contradicts, it refuses.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import { hubSectionFromHubGenesis, hubSectionJson } from '../../chain/anchor/bridge-genesis.ts';
import { regionRecordCodec, type RegionRecord } from '../../chain/anchor/hub-records.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { ChainStore } from '../../chain/block/chain-store.ts';
import { SharedChainData } from '../../chain/block/shared-chain-data.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import { generateGenesis } from '../../genesis/generate-genesis.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import { createClient, type FetchLike } from '../../rpc/client/client.ts';
import { CliError } from '../../rpc/cli/cli-errors.ts';
import type { CliContext } from '../../rpc/cli/cli-io.ts';
import { encodeKeyFile } from '../../rpc/cli/key-file.ts';
import { runCli } from '../../rpc/cli/main.ts';
import { hubCheckpoint } from '../../rpc/cli/hub-checkpoint.ts';
import { nodeHubPlan, ownRpcUrl, parseTrustedCheckpoint } from '../../rpc/cli/node-hub.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { anchorGenesis, HUB_CHAIN, openAnchorChain, REGION_CHAIN, type AnchorChain } from '../fixtures/anchor-chain.ts';
import { testKey } from '../fixtures/test-chain.ts';
import { freePorts, NodeProcess, until } from '../fixtures/tfr-node-process.ts';
import { REPO_ROOT, tempDir, tfr } from './run-tfr.ts';
import { rpcRefusal } from '../fixtures/expect-code.ts';

const HASH = 'ab'.repeat(32);
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) return e.code;
    throw e;
  }
  return 'no error';
}


function regionRecord(chainId: string, o: Partial<RegionRecord> = {}): RegionRecord {
  return {
    chainId,
    validators: [{ blsPublicKey: bytes(48, 1), weight: 1 }],
    threshold: 1,
    lastHeight: 0,
    lastBlockHash: bytes(32, 0),
    lastStateRoot: bytes(32, 0),
    lastHubHeight: 0,
    frozen: false,
    registeredHeight: 0,
    ...o,
  };
}

/** A FetchLike answering through `inject` on `app`. */
const fetchOver = (app: FastifyInstance): FetchLike => async (url, init) => {
  const u = new URL(url);
  const r = await app.inject({ method: init.method as 'GET', url: `${u.pathname}${u.search}`, headers: init.headers, ...(init.body !== undefined && { payload: init.body }) });
  return { status: r.statusCode, ok: r.statusCode >= 200 && r.statusCode < 300, text: async () => r.body };
};

const ctxWith = (env: Record<string, string> = {}): CliContext => ({ io: { out: () => undefined, err: () => undefined, env: { HOME: '/nonexistent-home-for-tests', ...env }, cwd: REPO_ROOT }, exitCode: 0 });

describe('cli: tfr node and the Hub (checkpoint, built-in relayer)', function () {
  this.timeout(120_000);

  describe('--trusted-checkpoint HEIGHT:BLOCKHASH', () => {
    it('parses a positive height and a 32-byte hash (any case)', () => {
      const c = parseTrustedCheckpoint(`150:${HASH.toUpperCase()}`);
      expect(c.height).to.equal(150);
      expect(toHex(c.blockHash)).to.equal(HASH);
    });

    it('refuses anything else with CLI_USAGE', () => {
      for (const bad of ['', '150', `:${HASH}`, `0:${HASH}`, `-1:${HASH}`, `1.5:${HASH}`, `150:${HASH.slice(2)}`, `150:${HASH}00`, `150:${'zz'.repeat(32)}`, `150 ${HASH}`, `99999999999999999:${HASH}`]) {
        expect(codeOf(() => parseTrustedCheckpoint(bad)), bad).to.equal('CLI_USAGE');
      }
    });
  });

  describe('the options, checked before anything opens', () => {
    const region = anchorGenesis('region');
    let tmp: ReturnType<typeof tempDir>;
    let keyFile: string;
    beforeEach(() => {
      tmp = tempDir();
      const k = testKey('relayer');
      keyFile = join(tmp.dir, 'relayer.json');
      writeFileSync(keyFile, encodeKeyFile({ name: 'relayer', publicKey: k.publicKey, secretKey: k.secret }));
    });
    afterEach(() => tmp.remove());

    it('none of them: nothing changes', () => {
      expect(nodeHubPlan(ctxWith(), {}, region)).to.deep.equal({ hubUrl: undefined, trusted: undefined, relayerKey: undefined, releaseWithdrawals: false });
    });

    it('--hub-rpc and --relayer-key: the URL and the key file', () => {
      const plan = nodeHubPlan(ctxWith(), { hubRpc: 'http://10.0.0.9:26757', relayerKey: keyFile, releaseWithdrawals: true, trustedCheckpoint: `7:${HASH}` }, region);
      expect(plan.hubUrl).to.equal('http://10.0.0.9:26757');
      expect(plan.relayerKey?.name).to.equal('relayer');
      expect(toHex(plan.relayerKey!.publicKey)).to.equal(toHex(testKey('relayer').publicKey));
      expect(plan.releaseWithdrawals).to.equal(true);
      expect(plan.trusted?.height).to.equal(7);
    });

    it('refusals: a relayer without a Hub, --release-withdrawals without a relayer, a bad URL, the Hub\'s own genesis, an unknown key', () => {
      expect(codeOf(() => nodeHubPlan(ctxWith(), { relayerKey: keyFile }, region))).to.equal('CLI_USAGE');
      expect(codeOf(() => nodeHubPlan(ctxWith(), { hubRpc: 'http://h:1', releaseWithdrawals: true }, region))).to.equal('CLI_USAGE');
      expect(codeOf(() => nodeHubPlan(ctxWith(), { hubRpc: 'ftp://h:1' }, region))).to.equal('CLI_USAGE');
      expect(codeOf(() => nodeHubPlan(ctxWith(), { hubRpc: 'not a url' }, region))).to.equal('CLI_USAGE');
      expect(codeOf(() => nodeHubPlan(ctxWith(), { hubRpc: 'http://h:1' }, anchorGenesis('hub')))).to.equal('CLI_USAGE');
      expect(codeOf(() => nodeHubPlan(ctxWith(), { hubRpc: 'http://h:1', relayerKey: 'nobody-has-this-key' }, region))).to.equal('CLI_KEY_NOT_FOUND');
      expect(codeOf(() => nodeHubPlan(ctxWith(), { trustedCheckpoint: '12' }, region))).to.equal('CLI_USAGE');
      // The Hub's own node may still be given a checkpoint.
      expect(nodeHubPlan(ctxWith(), { trustedCheckpoint: `3:${HASH}` }, anchorGenesis('hub')).trusted?.height).to.equal(3);
    });

    it('tfr node refuses them with exit 2 before it creates its data directory', async () => {
      const genesisFile = join(tmp.dir, 'genesis.json');
      writeFileSync(genesisFile, formatGenesisJson(generateGenesis({ region: 'nodehub', validators: 1, seed: 'node-hub', accounts: 1, pool: false, dao: false })));
      const data = join(tmp.dir, 'data');
      const base = ['node', '--genesis', genesisFile, '--data', data, '--p2p', '127.0.0.1:0', '--rpc', '127.0.0.1:0'];
      const cases: Array<[string[], RegExp]> = [
        [['--relayer-key', keyFile], /--relayer-key needs --hub-rpc/],
        [['--hub-rpc', 'http://127.0.0.1:1', '--release-withdrawals'], /--release-withdrawals needs --relayer-key/],
        [['--trusted-checkpoint', '5:abc'], /--trusted-checkpoint wants HEIGHT:BLOCKHASH/],
        [['--hub-rpc', 'localhost:26757'], /--hub-rpc wants an http/],
      ];
      for (const [extra, message] of cases) {
        const r = await tfr([...base, ...extra]);
        expect(r.code, r.stderr).to.equal(2);
        expect(r.stderr).to.match(message);
      }
      // A Hub that cannot be read stops the start too (exit 1), still before anything opens.
      const down = await tfr([...base, '--hub-rpc', 'http://127.0.0.1:1']);
      expect(down.code, down.stderr).to.equal(1);
      expect(down.stderr).to.match(/RPC_UNREACHABLE: --hub-rpc http:\/\/127\.0\.0\.1:1: .*--trusted-checkpoint/);
      expect(existsSync(data)).to.equal(false);
    });

    it('ownRpcUrl: a wildcard listen address is reached on loopback', () => {
      expect(ownRpcUrl('0.0.0.0', 26657)).to.equal('http://127.0.0.1:26657');
      expect(ownRpcUrl('::', 5)).to.equal('http://127.0.0.1:5');
      expect(ownRpcUrl('10.1.2.3', 80)).to.equal('http://10.1.2.3:80');
      expect(ownRpcUrl('::1', 80)).to.equal('http://[::1]:80');
    });
  });

  describe("the region's checkpoint from the Hub (GET /anchors?region=, proven by GET /proofs/state)", () => {
    let hub: AnchorChain;
    let app: FastifyInstance;
    /** Chain REGION_CHAIN, bridging to HUB_CHAIN: its "hub" section names the fixture Hub's validator. */
    let region: Genesis;
    const client = () => createClient({ url: 'http://hub.example', fetch: fetchOver(app) });
    /** Writes the record, then an empty block: the tip header's stateRoot holds it (proofs are against the state before their block). */
    const putRecord = async (r: RegionRecord): Promise<number> => {
      await hub.put([[anchorKeys.region(r.chainId), regionRecordCodec.encode(r)]]);
      await hub.empty();
      return hub.chain.store.tip().height;
    };
    before(async () => {
      hub = await openAnchorChain('hub');
      const g = anchorGenesis('region');
      region = { ...g, app: { ...g.app, hub: hubSectionFromHubGenesis(hub.chain.genesis) } };
      app = buildServer({ node: hub.node, rateLimit: false });
      await app.ready();
    });
    after(async () => app.close());

    it('a region the Hub has not registered: ANCHOR_UNKNOWN_REGION, with the URL and what to do', async () => {
      const e = await rpcRefusal(hubCheckpoint(client(), region));
      expect(e.code).to.equal('ANCHOR_UNKNOWN_REGION');
      expect(e.message).to.match(/^--hub-rpc http:\/\/hub\.example: .*give --trusted-checkpoint/);
    });

    it('registered, nothing anchored yet: no checkpoint, proven at the Hub tip', async () => {
      const tip = await putRecord(regionRecord(REGION_CHAIN));
      expect(await hubCheckpoint(client(), region)).to.deep.equal({ hubChainId: HUB_CHAIN, checkpoint: undefined, frozen: false, provenAt: tip });
    });

    it('anchored: the proven last accepted height and block hash; frozen is reported', async () => {
      const tip = await putRecord(regionRecord(REGION_CHAIN, { lastHeight: 20, lastBlockHash: bytes(32, 0x20), lastHubHeight: 3 }));
      const c = await hubCheckpoint(client(), region);
      expect(c.hubChainId).to.equal(HUB_CHAIN);
      expect(c.frozen).to.equal(false);
      expect(c.provenAt).to.equal(tip);
      expect(c.checkpoint?.height).to.equal(20);
      expect(toHex(c.checkpoint!.blockHash)).to.equal('20'.repeat(32));
      await putRecord(regionRecord(REGION_CHAIN, { lastHeight: 20, lastBlockHash: bytes(32, 0x20), frozen: true }));
      expect((await hubCheckpoint(client(), region)).frozen).to.equal(true);
    });

    it('a genesis without a "hub" section names no Hub validators: the /anchors answer, marked not proven', async () => {
      const plain: Genesis = { ...region, app: {} };
      expect(await hubCheckpoint(client(), plain)).to.deep.equal({ hubChainId: HUB_CHAIN, checkpoint: { height: 20, blockHash: bytes(32, 0x20) }, frozen: true, provenAt: undefined });
    });

    it('refuses a region RPC, another Hub than the genesis names, an unreachable Hub', async () => {
      const regionChain = await openAnchorChain('region');
      const regionApp = buildServer({ node: regionChain.node, rateLimit: false });
      try {
        const notHub = await rpcRefusal(hubCheckpoint(createClient({ url: 'http://region.example', fetch: fetchOver(regionApp) }), region));
        expect(notHub.code).to.equal('RPC_BAD_REQUEST'); // ?region= on a region is a bad request
      } finally {
        await regionApp.close();
      }
      const otherHub: Genesis = { ...region, app: { ...region.app, hub: { chainId: 'tfr-otherhub-1', validators: [] } } };
      const wrong = await rpcRefusal(hubCheckpoint(client(), otherHub));
      expect(wrong.code).to.equal('RPC_BAD_RESPONSE');
      expect(wrong.message).to.match(/bridges to Hub tfr-otherhub-1, but this RPC is tfr-hub-1/);
      const down = await rpcRefusal(hubCheckpoint(createClient({ url: 'http://127.0.0.1:1', timeoutMs: 2000 }), region));
      expect(down.code).to.equal('RPC_UNREACHABLE');
    });
  });

  describe('tfr node --hub-rpc --relayer-key, in-process', () => {
    const SEED = 'node-hub';
    let tmp: ReturnType<typeof tempDir>;
    let hub: AnchorChain;
    let app: FastifyInstance;
    let genesis: ReturnType<typeof generateGenesis>;
    let genesisFile: string;
    let validatorFile: string;
    let relayerFile: string;
    before(async () => {
      tmp = tempDir();
      hub = await openAnchorChain('hub');
      // The region bridges to the fixture Hub: its "hub" section names the Hub's validator, so the checkpoint is proven.
      genesis = { ...generateGenesis({ region: 'nodehub', validators: 1, seed: SEED, accounts: 1, pool: false, dao: false }), hub: hubSectionJson(hub.chain.genesis) };
      genesisFile = join(tmp.dir, 'genesis.json');
      writeFileSync(genesisFile, formatGenesisJson(genesis));
      const v = testValidatorKeys(SEED, 'nodehub', 1);
      validatorFile = join(tmp.dir, 'validator.json');
      writeFileSync(validatorFile, encodeKeyFile({ name: 'v1', publicKey: v.ed25519.publicKey, secretKey: v.ed25519.secret, blsSecret: v.bls.secret }));
      const r = testKey('relayer');
      relayerFile = join(tmp.dir, 'relayer.json');
      writeFileSync(relayerFile, encodeKeyFile({ name: 'relayer', publicKey: r.publicKey, secretKey: r.secret }));
      await hub.put([[anchorKeys.region(genesis.chainId), regionRecordCodec.encode(regionRecord(genesis.chainId, { lastHeight: 50, lastBlockHash: bytes(32, 0x50) }))]]);
      await hub.empty(); // Hub block 2: its header's stateRoot holds the record
      app = buildServer({ node: hub.node, rateLimit: false });
      await app.ready();
    });
    after(async () => {
      await app.close();
      tmp.remove();
    });

    /** Runs `tfr node` until `--until-height`, the Hub at http://hub.example through inject, the rest over the network. */
    async function node(extra: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; hubRequests: string[] }> {
      let stdout = '';
      let stderr = '';
      const hubRequests: string[] = [];
      const overHub = fetchOver(app);
      const fetch: FetchLike = (url, init) => {
        if (url.startsWith('http://hub.example/')) {
          hubRequests.push(`${init.method} ${new URL(url).pathname}`);
          return overHub(url, init);
        }
        return globalThis.fetch(url, init);
      };
      const code = await runCli(['node', '--genesis', genesisFile, '--key', validatorFile, '--data', join(tmp.dir, 'data'), '--p2p', '127.0.0.1:0', '--rpc', '127.0.0.1:0', '--log', 'info', '--log-format', 'pretty', ...extra], {
        out: (s) => void (stdout += s),
        err: (s) => void (stderr += s),
        env: { HOME: '/nonexistent-home-for-tests' },
        cwd: REPO_ROOT,
        fetch,
      });
      return { code, stdout, stderr, hubRequests };
    }

    it("starts with the Hub's checkpoint, relays between its own RPC and the Hub, stops cleanly", async () => {
      const r = await node(['--hub-rpc', 'http://hub.example', '--relayer-key', relayerFile, '--until-height', '3']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain(`  checkpoint  height 50, block ${'50'.repeat(32)} (anchored on Hub ${HUB_CHAIN}, proven at Hub height 2)\n`);
      expect(r.stdout).to.match(new RegExp(`^  relayer     ${genesis.chainId} ${genesis.addressPrefix}1\\w+ \\(holds no CHI`, 'm'));
      expect(r.stdout).to.match(/^ {2}relayer {5}tfr-hub-1 \w+1\w+/m);
      expect(r.stdout).to.match(/stopped cleanly\n$/);
      expect(r.stderr).to.match(/anchored checkpoint: height 50/);
      expect(r.stderr).to.match(/relayer: relaying between http:\/\/127\.0\.0\.1:\d+ \(this node\) and http:\/\/hub\.example \(Hub\) as relayer/);
      expect(r.stderr).to.match(/relayer: stopped/);
      expect(r.hubRequests, 'the checkpoint is proven').to.include('GET /proofs/state');
      // The relayer's rounds asked the Hub for the region (besides the start's checkpoint read).
      expect(r.hubRequests.filter((q) => q === 'GET /anchors').length).to.be.greaterThan(1);
    });

    it('as a process: SIGTERM stops the relayer with the rest, cleanly', async () => {
      const listening = buildServer({ node: hub.node, rateLimit: false });
      const hubUrl = await listening.listen({ host: '127.0.0.1', port: 0 });
      const [p2pPort, rpcPort] = await freePorts(2);
      const proc = new NodeProcess({ genesis: genesisFile, data: join(tmp.dir, 'process-data'), p2pPort: p2pPort!, rpcPort: rpcPort!, peers: [], key: validatorFile, extraArgs: ['--hub-rpc', hubUrl, '--relayer-key', relayerFile] });
      try {
        await proc.ready();
        await proc.waitForHeight(2);
        await until(() => /relayer: relaying between/.test(proc.stderr), 10_000, () => `the relayer's start in ${proc.describe()}`);
        proc.kill('SIGTERM');
        const exit = await proc.exited;
        expect(exit.code, proc.describe()).to.equal(0);
        expect(proc.stdout).to.contain('  checkpoint  height 50');
        expect(proc.stdout).to.match(/stopped cleanly\n$/);
        expect(proc.stderr).to.match(/relayer: stopped/);
      } finally {
        if (proc.running) proc.kill('SIGKILL');
        await listening.close();
      }
    });

    it('restarted with a checkpoint its stored chain contradicts: SYNC_BELOW_ANCHOR; with the right one it runs', async () => {
      // Block 2 as the first run stored it (its own records, and the process's shared ones).
      const kv = await openLevelKvStore(join(tmp.dir, 'data', genesis.validators[0]!.name, 'db'));
      const sharedKv = await openLevelKvStore(join(tmp.dir, 'data', 'shared'));
      let hash: string;
      try {
        const store = await ChainStore.open(kv, { shared: new SharedChainData(sharedKv) });
        hash = toHex(blockHash((await store.blocks.block(2))!.header));
      } finally {
        await kv.close();
        await sharedKv.close();
      }
      const wrong = await node(['--trusted-checkpoint', `2:${'ee'.repeat(32)}`, '--until-height', '4']);
      expect(wrong.code).to.equal(1);
      expect(wrong.stderr).to.match(/SYNC_BELOW_ANCHOR: the chain in .* contradicts the anchored checkpoint: its block 2 is [0-9a-f]{64}, anchored e{64}/);
      const right = await node(['--trusted-checkpoint', `2:${hash}`, '--until-height', '4']);
      expect(right.code, right.stderr).to.equal(0);
      expect(right.stdout).to.contain(`  checkpoint  height 2, block ${hash} (--trusted-checkpoint)\n`);
      expect(right.hubRequests).to.deep.equal([]);
    });
  });
});
