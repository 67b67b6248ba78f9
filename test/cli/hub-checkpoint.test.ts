/**
 * `tfr node --hub-rpc`: the region's checkpoint is proven, not read from the Hub RPC's JSON
 * (rpc/cli/hub-checkpoint.ts). Against a real Hub (test/fixtures/bridge-chains.ts: four validators
 * of powers 1..4 signing every commit, regions anchored through the real `anchor.submit`) served by
 * the real RPC server: an honest Hub's checkpoint is the anchored block; a Hub RPC that lies (a
 * forged lastBlockHash in its JSON, a forged record, a tampered Merkle proof, a commit by too few or
 * by unknown validators, a Hub the genesis does not name, another region's proof, a header at
 * another height, a proof of absence) is refused with its code; and `tfr node` given such a Hub
 * does not start (exit 1, nothing opened).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import { hubSectionJson } from '../../chain/anchor/bridge-genesis.ts';
import { regionRecordCodec } from '../../chain/anchor/hub-records.ts';
import type { HubConfig } from '../../chain/anchor/hub-proof.ts';
import { blockHash, encodeHeader } from '../../chain/block/block-codec.ts';
import type { Block } from '../../chain/block/block.ts';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { encodeCommit, voteSignBytes } from '../../chain/consensus/message-codec.ts';
import { signEd25519 } from '../../chain/crypto/ed25519-sign.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import { generateGenesis } from '../../genesis/generate-genesis.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import type { AnchorsView, StateProofView } from '../../rpc/api/anchor-schemas.ts';
import { createClient, type FetchLike } from '../../rpc/client/client.ts';
import { hubCheckpoint } from '../../rpc/cli/hub-checkpoint.ts';
import { encodeKeyFile } from '../../rpc/cli/key-file.ts';
import { runCli } from '../../rpc/cli/main.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { rpcNodeOver } from '../fixtures/anchor-chain.ts';
import { BridgeWorld, HUB_ID, hubCommit, REGION_A, REGION_B } from '../fixtures/bridge-chains.ts';
import { REPO_ROOT, tempDir } from './run-tfr.ts';
import { rpcRefusal } from '../fixtures/expect-code.ts';

const HUB_URL = 'http://hub.example';

/** How a lying RPC rewrites the honest answers (JSON bodies) of the Hub. */
interface Lies {
  anchors?: (v: AnchorsView) => AnchorsView;
  /** `height`: the one asked for. */
  proof?: (v: StateProofView, height: number) => StateProofView | Promise<StateProofView>;
  /** An error answer instead, for the proof at `height` (undefined: answer). */
  proofError?: (height: number) => { status: number; code: string } | undefined;
}


/** A commit of `block` for validator indices `indices`, each signed by a key of `seed` that no Hub validator holds. */
function commitBy(block: Block, indices: readonly number[], seed: string): Uint8Array {
  const hash = blockHash(block.header);
  const { chainId, height } = block.header;
  return encodeCommit({
    height,
    round: 0,
    blockHash: hash,
    signatures: indices.map((validator) => ({
      validator,
      signature: signEd25519(deriveEd25519Key(seed, `impostor/${validator}`).secret, voteSignBytes(chainId, { type: 'precommit', height, round: 0, blockHash: hash, validator })),
    })),
  });
}

describe('cli: the Hub checkpoint of tfr node --hub-rpc is proven (hub-checkpoint.ts)', function () {
  this.timeout(120_000);
  let world: BridgeWorld;
  let app: FastifyInstance;
  /** REGION_A's anchored height and block hash. */
  let anchored: { height: number; hash: string };

  const regionGenesis = (id = REGION_A): Genesis => world.region(id).chain.genesis;
  const hubBlock = (height: number): Block => world.hub.blocks.get(height)!.block;

  async function inject<T>(url: string): Promise<T> {
    const r = await app.inject({ method: 'GET', url });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return JSON.parse(r.body) as T;
  }
  const honestProof = (key: Uint8Array, height: number): Promise<StateProofView> => inject(`/proofs/state?key=${toHex(key)}&height=${height}`);

  /** The Hub's RPC through `inject`, its answers rewritten by `lies`. */
  function lyingFetch(lies: Lies = {}): FetchLike {
    return async (url, init) => {
      const u = new URL(url);
      const height = Number(u.searchParams.get('height') ?? 0);
      const refused = u.pathname === '/proofs/state' ? lies.proofError?.(height) : undefined;
      if (refused !== undefined) return { status: refused.status, ok: false, text: async () => JSON.stringify({ code: refused.code, message: 'refused by the test' }) };
      const r = await app.inject({ method: init.method as 'GET', url: `${u.pathname}${u.search}`, headers: init.headers });
      let body = r.body;
      if (r.statusCode === 200 && u.pathname === '/anchors' && lies.anchors !== undefined) body = JSON.stringify(lies.anchors(JSON.parse(body) as AnchorsView));
      if (r.statusCode === 200 && u.pathname === '/proofs/state' && lies.proof !== undefined) body = JSON.stringify(await lies.proof(JSON.parse(body) as StateProofView, height));
      return { status: r.statusCode, ok: r.statusCode >= 200 && r.statusCode < 300, text: async () => body };
    };
  }
  const checkpointVia = (lies?: Lies, genesis = regionGenesis()) => hubCheckpoint(createClient({ url: HUB_URL, fetch: lyingFetch(lies) }), genesis);

  before(async () => {
    world = await BridgeWorld.open({ hubFunds: {} });
    app = buildServer({ node: rpcNodeOver(world.hub.chain.genesis, world.hub.chain.store), rateLimit: false });
    await app.ready();
  });
  after(async () => app.close());

  it('a Hub with no block yet proves nothing: RPC_BLOCK_NOT_FOUND', async () => {
    expect(world.hub.height()).to.equal(0);
    const e = await rpcRefusal(checkpointVia());
    expect(e.code).to.equal('RPC_BLOCK_NOT_FOUND');
    expect(e.message).to.match(/^--hub-rpc http:\/\/hub\.example: Hub tfr-hub-1 has committed no block yet.*give --trusted-checkpoint/);
  });

  it('registered, nothing anchored: no checkpoint, proven at the Hub tip', async () => {
    await world.hub.applyOk([]);
    expect(await checkpointVia()).to.deep.equal({ hubChainId: HUB_ID, checkpoint: undefined, frozen: false, provenAt: 1 });
  });

  it("anchored: the proven record's height and block (the region's real block)", async () => {
    const a = world.region(REGION_A);
    await a.applyOk([]);
    await a.applyOk([]);
    const height = await world.anchor(REGION_A);
    anchored = { height, hash: toHex(blockHash(a.blocks.get(height)!.block.header)) };
    // The acceptance's block is the tip: its header's stateRoot is the state before it.
    const before = await checkpointVia();
    expect(before.checkpoint, 'proven at the tip, before the acceptance').to.equal(undefined);
    await world.hub.applyOk([]);
    const c = await checkpointVia();
    expect(c.provenAt).to.equal(world.hub.height());
    expect(c.frozen).to.equal(false);
    expect(c.checkpoint?.height).to.equal(2);
    expect(toHex(c.checkpoint!.blockHash)).to.equal(anchored.hash);
  });

  it('an RPC without the commit of its tip: proven at the block before', async () => {
    await world.hub.applyOk([]);
    const tip = world.hub.height();
    const c = await checkpointVia({ proofError: (h) => (h === tip ? { status: 404, code: 'RPC_COMMIT_NOT_FOUND' } : undefined) });
    expect(c.provenAt).to.equal(tip - 1);
    expect(c.checkpoint?.height).to.equal(anchored.height);
  });

  describe('a lying Hub RPC is refused', () => {
    const FORGED = 'ee'.repeat(32);
    const forgeJson = (v: AnchorsView): AnchorsView => ({ ...v, regions: v.regions.map((r) => ({ ...r, lastBlockHash: FORGED })) });

    it('a forged lastBlockHash in /anchors (the proof honest): RPC_BAD_RESPONSE, the RPC contradicts its proof', async () => {
      const e = await rpcRefusal(checkpointVia({ anchors: forgeJson }));
      expect(e.code).to.equal('RPC_BAD_RESPONSE');
      expect(e.message).to.match(new RegExp(`its /anchors says anchored height 2, block ${FORGED}, but the record it proves .* says anchored height 2, block ${anchored.hash}: the RPC contradicts its own proof`));
    });

    it('a forged record in the proof, matching the forged JSON: BRIDGE_BAD_PROOF', async () => {
      const forgeValue = (v: StateProofView): StateProofView => {
        const record = regionRecordCodec.decode(fromHexStrict(v.value!)!);
        return { ...v, value: toHex(regionRecordCodec.encode({ ...record, lastBlockHash: fromHexStrict(FORGED)! })) };
      };
      const e = await rpcRefusal(checkpointVia({ anchors: forgeJson, proof: forgeValue }));
      expect(e.code).to.equal('BRIDGE_BAD_PROOF');
      expect(e.message).to.match(/^--hub-rpc http:\/\/hub\.example: its proof of the Hub's record of tfr-region-a at Hub height \d+ does not verify against the Hub validators of the genesis: the Merkle proof/);
    });

    it('a tampered Merkle proof: BRIDGE_BAD_PROOF', async () => {
      const flip = (v: StateProofView): StateProofView => ({ ...v, proof: `${v.proof.slice(0, -2)}${(parseInt(v.proof.slice(-2), 16) ^ 1).toString(16).padStart(2, '0')}` });
      expect((await rpcRefusal(checkpointVia({ proof: flip }))).code).to.equal('BRIDGE_BAD_PROOF');
    });

    it('a commit by too few of the Hub validators (powers 1 + 2 of 10): BRIDGE_BAD_HUB_COMMIT', async () => {
      const weak = (v: StateProofView, h: number): StateProofView => ({ ...v, commit: toHex(encodeCommit(hubCommit(hubBlock(h), [0, 1]))) });
      const e = await rpcRefusal(checkpointVia({ proof: weak }));
      expect(e.code).to.equal('BRIDGE_BAD_HUB_COMMIT');
      expect(e.message).to.match(/the commit's signers hold 3 of the Hub's power 10, 7 needed/);
    });

    it('a commit signed by keys that are not the Hub validators: BRIDGE_BAD_HUB_COMMIT', async () => {
      const impostors = (v: StateProofView, h: number): StateProofView => ({ ...v, commit: toHex(commitBy(hubBlock(h), [0, 1, 2, 3], 'impostor')) });
      const forged = await rpcRefusal(checkpointVia({ proof: impostors }));
      expect(forged.code).to.equal('BRIDGE_BAD_HUB_COMMIT');
      expect(forged.message).to.match(/the precommit signature of Hub validator 0 does not verify/);
      const outside = (v: StateProofView, h: number): StateProofView => ({ ...v, commit: toHex(commitBy(hubBlock(h), [0, 1, 2, 3, 7], 'impostor')) });
      const unknown = await rpcRefusal(checkpointVia({ proof: outside }));
      expect(unknown.code).to.equal('BRIDGE_BAD_HUB_COMMIT');
      expect(unknown.message).to.match(/commit signer 7 is not a Hub validator/);
    });

    it('a genesis naming other Hub validators (same chain id) refuses the real Hub: BRIDGE_BAD_HUB_COMMIT', async () => {
      const g = regionGenesis();
      const hub = g.app['hub'] as HubConfig;
      const other: HubConfig = { chainId: hub.chainId, validators: hub.validators.map((v, i) => ({ ...v, publicKey: deriveEd25519Key('impostor', `impostor/${i}`).publicKey })) };
      const e = await rpcRefusal(checkpointVia({}, { ...g, app: { ...g.app, hub: other } }));
      expect(e.code).to.equal('BRIDGE_BAD_HUB_COMMIT');
      expect(e.message).to.match(/validatorsHash is not the Hub validator set's/);
    });

    it("another region's record and proof: BRIDGE_BAD_PROOF", async () => {
      const otherRegion = (_v: StateProofView, h: number) => honestProof(anchorKeys.region(REGION_B), h);
      expect((await rpcRefusal(checkpointVia({ proof: otherRegion }))).code).to.equal('BRIDGE_BAD_PROOF');
    });

    it('a valid proof at another Hub height than asked: RPC_BAD_RESPONSE', async () => {
      const older = (_v: StateProofView, h: number) => honestProof(anchorKeys.region(REGION_A), h - 1);
      const e = await rpcRefusal(checkpointVia({ proof: older }));
      expect(e.code).to.equal('RPC_BAD_RESPONSE');
      expect(e.message).to.match(/asked for the proof at Hub height (\d+), it answered one against the header of Hub height \d+/);
    });

    it('a proof that the record is absent while /anchors lists the region: RPC_BAD_RESPONSE', async () => {
      const absent = (_v: StateProofView, h: number) => honestProof(anchorKeys.region('tfr-nowhere-1'), h);
      const e = await rpcRefusal(checkpointVia({ proof: absent }));
      expect(e.code).to.equal('RPC_BAD_RESPONSE');
      expect(e.message).to.match(/says the Hub holds no record of it/);
    });

    it('the header of another block with the honest commit: BRIDGE_BAD_HUB_COMMIT', async () => {
      const swapped = (v: StateProofView, h: number): StateProofView => ({ ...v, header: toHex(encodeHeader(hubBlock(h - 1).header)) });
      expect((await rpcRefusal(checkpointVia({ proof: swapped }))).code).to.equal('BRIDGE_BAD_HUB_COMMIT');
    });
  });

  it('fork evidence on the Hub: the proven record says frozen, the checkpoint stays the accepted block', async () => {
    const b = world.region(REGION_B);
    const height = await world.anchor(REGION_B);
    await world.hub.applyOk([world.hub.submit(b.aggregate(height, true))]);
    await world.hub.applyOk([]);
    const c = await checkpointVia({}, regionGenesis(REGION_B));
    expect(c.frozen).to.equal(true);
    expect(c.checkpoint?.height).to.equal(height);
    expect(toHex(c.checkpoint!.blockHash)).to.equal(toHex(blockHash(b.blocks.get(height)!.block.header)));
  });

  describe('tfr node given a lying Hub does not start', () => {
    let tmp: ReturnType<typeof tempDir>;
    let genesisFile: string;
    let keyFile: string;
    before(() => {
      tmp = tempDir();
      // A region node of REGION_A whose "hub" section is the fixture Hub's.
      const file = generateGenesis({ region: 'nodehub', chainId: REGION_A, validators: 1, seed: 'hub-checkpoint', accounts: 1, pool: false, dao: false });
      genesisFile = join(tmp.dir, 'genesis.json');
      writeFileSync(genesisFile, formatGenesisJson({ ...file, hub: hubSectionJson(world.hub.chain.genesis) }));
      // Its validator: a node that started anyway would commit --until-height and exit 0, not hang.
      const v = testValidatorKeys('hub-checkpoint', 'nodehub', 1);
      keyFile = join(tmp.dir, 'validator.json');
      writeFileSync(keyFile, encodeKeyFile({ name: 'v1', publicKey: v.ed25519.publicKey, secretKey: v.ed25519.secret, blsSecret: v.bls.secret }));
    });
    after(() => tmp.remove());

    async function node(lies: Lies): Promise<{ code: number; stderr: string; data: string }> {
      let stderr = '';
      const data = join(tmp.dir, `data-${Math.random().toString(36).slice(2)}`);
      const code = await runCli(['node', '--genesis', genesisFile, '--key', keyFile, '--data', data, '--p2p', '127.0.0.1:0', '--rpc', '127.0.0.1:0', '--hub-rpc', HUB_URL, '--until-height', '1'], {
        out: () => undefined,
        err: (s) => void (stderr += s),
        env: { HOME: '/nonexistent-home-for-tests' },
        cwd: REPO_ROOT,
        fetch: lyingFetch(lies),
      });
      return { code, stderr, data };
    }

    it('a forged record (BRIDGE_BAD_PROOF), a weak commit (BRIDGE_BAD_HUB_COMMIT), a forged JSON (RPC_BAD_RESPONSE): exit 1 before anything opens', async () => {
      const cases: Array<[string, Lies]> = [
        ['BRIDGE_BAD_PROOF', { proof: (v) => ({ ...v, value: toHex(regionRecordCodec.encode({ ...regionRecordCodec.decode(fromHexStrict(v.value!)!), lastHeight: 1 })) }) }],
        ['BRIDGE_BAD_HUB_COMMIT', { proof: (v, h) => ({ ...v, commit: toHex(encodeCommit(hubCommit(hubBlock(h), [3]))) }) }],
        ['RPC_BAD_RESPONSE', { anchors: (v) => ({ ...v, regions: v.regions.map((r) => ({ ...r, lastBlockHash: 'ee'.repeat(32) })) }) }],
      ];
      for (const [code, lies] of cases) {
        const r = await node(lies);
        expect(r.code, r.stderr).to.equal(1);
        expect(r.stderr).to.contain(`error: ${code}: --hub-rpc ${HUB_URL}: `);
        expect(existsSync(r.data), `${code}: nothing opened`).to.equal(false);
      }
    });
  });
});
