/**
 * `tfr net` in-process against the scripted node (fake fetch): the node's own peer id, listen
 * addresses and sync state, the peers table (short ids, validator or full node, heights, bytes in
 * KiB / MiB / GiB, scores, directions), --json, and a node without a network (RPC_NO_NETWORK, its
 * hint, exit 1). Also the text helpers at their edges.
 */
import { expect } from 'chai';
import { runCli } from '../../rpc/cli/main.ts';
import type { CliIo } from '../../rpc/cli/cli-io.ts';
import { bytesText, scoreText, shortPeerId } from '../../rpc/cli/net-format.ts';
import { OWN_PEER_ID, sampleNetInfo } from '../fixtures/fake-net-port.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';
import { REPO_ROOT, field } from './run-tfr.ts';

async function tfr(node: FakeRpcNode, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env: { HOME: '/nonexistent-home-for-tests' }, cwd: REPO_ROOT, fetch: node.fetch };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function nodeWithNet(info: unknown = sampleNetInfo()): FakeRpcNode {
  const node = new FakeRpcNode();
  node.getRoutes.set('/net', () => info);
  return node;
}

describe('cli: tfr net', () => {
  it('prints its own peer id, listen addresses, sync state, and a table of its peers', async () => {
    const node = nodeWithNet();
    const r = await tfr(node, ['net', '--rpc', 'http://10.0.0.1:26657']);
    expect(r.code, r.stderr).to.equal(0);
    expect(node.requests.map((q) => `${q.method} ${q.url.toString()}`)).to.deep.equal(['GET http://10.0.0.1:26657/net']);
    expect(field(r.stdout, 'peer id')).to.equal(OWN_PEER_ID);
    expect(r.stdout).to.contain('listening       /ip4/0.0.0.0/tcp/26656\n                /ip6/::/tcp/26656\n');
    expect(field(r.stdout, 'syncing')).to.equal('no (in consensus)');
    expect(field(r.stdout, 'peers')).to.equal('3 (2 validators, 1 full node)');
    const table = r.stdout.slice(r.stdout.indexOf('PEER')).trimEnd().split('\n');
    expect(table).to.deep.equal([
      'PEER                   VALIDATOR     HEIGHT       IN        OUT  SCORE  DIRECTION  ADDRESS',
      '12D3KooWQYhT...CVe2Xo  validator-02      41  1.2 MiB  716.8 KiB   12.5  outbound   /ip4/10.0.0.2/tcp/26656',
      '12D3KooWRBy9...rRJsNK  full node         40    512 B    3.0 GiB  -3.14  inbound    /ip4/203.0.113.7/tcp/40122',
      '12D3KooWLqK7...ZsQd3e  validator-03       -      0 B        0 B      0  inbound    /ip4/10.0.0.3/tcp/26656',
    ]);
  });

  it('a syncing node with no peers and no listen address: no table', async () => {
    const r = await tfr(nodeWithNet({ ...sampleNetInfo(), listen: [], syncing: true, peers: [] }), ['net']);
    expect(r.code, r.stderr).to.equal(0);
    expect(field(r.stdout, 'listening')).to.equal('nowhere (dials out only)');
    expect(field(r.stdout, 'syncing')).to.equal('yes (downloading blocks it is behind on)');
    expect(field(r.stdout, 'peers')).to.equal('0 (0 validators, 0 full nodes)');
    expect(r.stdout).to.not.contain('PEER');
  });

  it('--json prints the answer of GET /net', async () => {
    const r = await tfr(nodeWithNet(), ['net', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal(sampleNetInfo());
  });

  it('a node without a network (the in-process testnet): RPC_NO_NETWORK with its hint, exit 1', async () => {
    const node = new FakeRpcNode();
    node.failNext = { status: 404, code: 'RPC_NO_NETWORK', message: 'this node runs without a peer-to-peer network (the in-process testnet)' };
    const r = await tfr(node, ['net']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal(
      'error: RPC_NO_NETWORK: this node runs without a peer-to-peer network (the in-process testnet)\n' +
        'hint: the in-process `tfr testnet` has no peer-to-peer network: point --rpc (or $TFR_RPC) at a node started with `tfr node`\n',
    );
  });

  it('formats bytes, scores and peer ids for people', () => {
    expect([0, 1023, 1024, 1536, 1024 * 1024 - 1, 5 * 1024 ** 3, 2 * 1024 ** 5].map(bytesText)).to.deep.equal(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '1.0 MiB', '5.0 GiB', '2.0 PiB']);
    expect([0, -0.001, 1.005, -12.345, 100].map(scoreText)).to.deep.equal(['0', '0', '1', '-12.35', '100']);
    expect(shortPeerId('short-id')).to.equal('short-id');
    expect(shortPeerId(OWN_PEER_ID)).to.equal('12D3KooWHx3d...Qr7bYA');
  });
});
