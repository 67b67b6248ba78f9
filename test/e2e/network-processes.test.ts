/**
 * The real network end to end: 4 validators, each its own `tfr node` process with its key file,
 * over loopback TCP (libp2p). One is SIGKILLed and restarted on its data directory: it replays its
 * WAL, block-syncs and signs again, and nobody holds double-sign evidence against it. A fifth,
 * non-validating node started later from genesis catches up. Every node reports the same block
 * hash and state root at every height, and SIGTERM stops each one cleanly.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGenesis } from '../../genesis/generate-genesis.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import { encodeKeyFile } from '../../rpc/cli/key-file.ts';
import { freePorts, NodeProcess, until } from '../fixtures/tfr-node-process.ts';

const SEED = 'e2e-network';
const REGION = 'four';

describe('e2e: 4 validator processes over TCP, a SIGKILL and restart, a late full node', function () {
  this.timeout(240_000);
  let dir: string;
  const nodes: NodeProcess[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfr-e2e-net-'));
  });

  after(async () => {
    for (const n of nodes) if (n.running) n.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('commits, survives a SIGKILL without double signing, lets a full node catch up, and every node agrees', async () => {
    const genesisFile = generateGenesis({ region: REGION, validators: 4, seed: SEED, dao: false });
    const genesisPath = join(dir, 'genesis.json');
    await writeFile(genesisPath, JSON.stringify(genesisFile, null, 2));
    const ports = await freePorts(10);
    const p2p = (i: number): number => ports[i]!;
    const rpc = (i: number): number => ports[5 + i]!;
    const peers = [0, 1, 2, 3].map((i) => `127.0.0.1:${p2p(i)}`);
    const keyFile = async (i: number): Promise<string> => {
      const k = testValidatorKeys(SEED, REGION, i + 1);
      const path = join(dir, `validator-${i + 1}.json`);
      await writeFile(path, encodeKeyFile({ name: `validator-${i + 1}`, publicKey: k.ed25519.publicKey, secretKey: k.ed25519.secret, blsSecret: k.bls.secret }));
      return path;
    };
    const validator = async (i: number): Promise<NodeProcess> =>
      new NodeProcess({ genesis: genesisPath, data: join(dir, `node-${i + 1}`), p2pPort: p2p(i), rpcPort: rpc(i), peers, key: await keyFile(i) });

    for (let i = 0; i < 4; i++) nodes.push(await validator(i));
    await Promise.all(nodes.map((n) => n.ready()));
    await Promise.all(nodes.map((n) => n.waitForHeight(4))).catch(async (e: unknown) => {
      const nets = await Promise.all(nodes.map((n) => n.client.net().then((x) => JSON.stringify(x.peers.map((p) => [p.validator, p.height, p.score]))).catch(String)));
      throw new Error(`${String(e)}\n${nets.join('\n')}\n${nodes.map((n) => n.describe()).join('\n')}`);
    });

    // SIGKILL validator 4: no flush, no goodbye. The other three (3/4 of the power) keep going.
    const victim = nodes[3]!;
    victim.kill('SIGKILL');
    await victim.exited;
    const atKill = await nodes[0]!.height();
    await nodes[0]!.waitForHeight(atKill + 5);

    const restarted = await validator(3);
    nodes[3] = restarted;
    await restarted.ready();
    const behind = await restarted.height();
    expect(behind, 'the restarted node starts from its own store, behind the others').to.be.lessThan(await nodes[0]!.height());
    await until(async () => /block sync caught up/.test(restarted.stderr), 60_000, () => `block sync on ${restarted.describe()}`);
    // It signs again: a later block carries its precommit (index 3) in the last commit.
    const rejoinedFrom = await nodes[0]!.height();
    await until(
      async () => {
        const b = await nodes[0]!.client.block('latest');
        return b.height > rejoinedFrom && (b.lastCommit?.signers.some((s) => s.index === 3) ?? false);
      },
      60_000,
      () => `validator 4's precommit in a block after its restart\n${restarted.describe()}`,
    );

    // A full node, started from genesis after all this, catches up.
    const full = new NodeProcess({ genesis: genesisPath, data: join(dir, 'full-node'), p2pPort: p2p(4), rpcPort: rpc(4), peers });
    nodes.push(full);
    await full.ready();
    const target = await nodes[0]!.height();
    await full.waitForHeight(target, 60_000);
    expect(full.stdout).to.match(/\(full node\)/);

    // Every node: the same block hash and state root at every height, and no evidence anywhere.
    const top = Math.min(...(await Promise.all(nodes.map((n) => n.height()))));
    expect(top).to.be.greaterThan(atKill + 5);
    for (let h = 1; h <= top; h++) {
      const blocks = await Promise.all(nodes.map((n) => n.client.block(h)));
      const first = blocks[0]!;
      for (const [i, b] of blocks.entries()) {
        expect(b.hash, `block hash at height ${h} on node ${i + 1}`).to.equal(first.hash);
        expect(b.header.stateRoot, `state root at height ${h} on node ${i + 1}`).to.equal(first.header.stateRoot);
        expect(b.evidence, `evidence at height ${h}`).to.deep.equal([]);
      }
    }
    const net = await nodes[0]!.client.net();
    expect(net.peers.map((p) => p.validator)).to.include.members(['validator-02', 'validator-03', 'validator-04', null]);

    // SIGTERM: each stops cleanly (WAL, signer state and stores closed) with exit code 0.
    for (const n of nodes) n.kill('SIGTERM');
    const exits = await Promise.all(nodes.map((n) => n.exited));
    for (const [i, e] of exits.entries()) {
      expect(e, nodes[i]!.describe()).to.deep.equal({ code: 0, signal: null });
      expect(nodes[i]!.stdout).to.match(/stopped cleanly/);
    }
  });
});
