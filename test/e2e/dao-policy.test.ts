/**
 * End to end, as farmers of the published testnet, only through the CLI: the 99 validators of
 * genesis/testnet.json in this process (with the uptime reports `tfr testnet` sends for its test
 * nodes), a proposal that doubles the DIY policy's reward per CU, the six test farms voting yes,
 * the proposal passing by itself at its end height, the new policy in `tfr farming policies`, and
 * the next period's rewards following it. Farming periods are 100 blocks (~67 s): the proposal is
 * made so that it ends after period 0 closes (old policy) and before period 1 does (new policy).
 */
import { expect } from 'chai';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tfr } from '../cli/run-tfr.ts';
import { startE2eTestnet, type E2eTestnet } from '../fixtures/e2e-testnet.ts';

const FARM_OWNERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

interface RewardsJson {
  minted: string;
  farms: Array<{ farmId: number; amount: string; nodes: Array<{ nodeId: number; policyId: number | null; uptimePermille: number; amount: string }> }>;
}

describe('e2e: a farming policy voted by the test farms on the 99-validator testnet', function () {
  this.timeout(360_000);
  let net: E2eTestnet;
  let env: Record<string, string>;
  const run = async (argv: string[]) => {
    const r = await tfr(argv, { env });
    expect(r.code, `tfr ${argv.join(' ')}\n${r.stderr}`).to.equal(0);
    return r.stdout;
  };
  const json = async <T>(argv: string[]): Promise<T> => JSON.parse(await run([...argv, '--json'])) as T;
  const height = async () => (await net.client.status()).height;
  const waitFor = async (h: number) => {
    while ((await height()) < h) await new Promise((r) => setTimeout(r, 250));
  };

  before(async () => {
    net = await startE2eTestnet('dao', { uptime: true });
    env = { TFR_RPC: net.url, HOME: '/nonexistent-home-for-tests', TFR_HOME: join(net.scratch, 'no-keys-here') };
  });
  after(async () => net?.close());

  it('proposes, votes, passes at the end height, and the next period pays by the new policy', async () => {
    const policies = await json<{ policies: Array<Record<string, unknown>> }>(['farming', 'policies']);
    const diy = policies.policies.find((p) => p['name'] === 'diy')!;
    expect(diy).to.include({ id: 1, version: 1, default: true });
    const doubled = { ...Object.fromEntries(Object.entries(diy).filter(([k]) => ['name', 'cu', 'su', 'nu', 'ipv4', 'minimalUptime', 'policyEnd', 'immutable', 'default', 'nodeCertification', 'farmCertification'].includes(k))) };
    doubled['cu'] = (BigInt(diy['cu'] as string) * 2n).toString();
    mkdirSync(net.scratch, { recursive: true });
    const file = join(net.scratch, 'diy-doubled.json');
    writeFileSync(file, JSON.stringify(doubled));

    // End after period 0 closes at height 100: propose at height >= 12 with the minimum 90 blocks.
    await waitFor(12);
    const proposed = await json<{ proposalId: number; endHeight: number; tx: { code: string } }>(['dao', 'propose', '--key', 'alice', '--title', 'Double the DIY reward per CU', '--description', 'https://forum.example/diy-x2', '--update-policy', `1=${file}`]);
    expect(proposed.tx.code).to.equal('OK');
    const id = proposed.proposalId;
    expect(proposed.endHeight).to.be.greaterThan(100).and.lessThan(200);

    for (const [i, owner] of FARM_OWNERS.entries()) {
      const voted = await json<{ code: string }>(['dao', 'vote', String(id), 'yes', '--farm', String(i + 1), '--key', owner]);
      expect(voted.code, owner).to.equal('OK');
    }
    const open = await json<{ status: string; voters: number; tally: { quorumReached: boolean; projected: string | null } }>(['dao', 'show', String(id)]);
    expect(open).to.include({ status: 'open', voters: 6 });
    expect(open.tally).to.include({ quorumReached: true, projected: 'passed' });

    await waitFor(proposed.endHeight + 1);
    const closed = await json<{ status: string }>(['dao', 'show', String(id)]);
    expect(closed.status).to.equal('passed');
    const after = await json<{ policies: Array<{ id: number; version: number; cu: string }> }>(['farming', 'policies']);
    expect(after.policies[0]).to.include({ id: 1, version: 2, cu: doubled['cu'] });

    await waitFor(201);
    const p0 = await json<RewardsJson>(['farming', 'rewards', '0']);
    const p1 = await json<RewardsJson>(['farming', 'rewards', '1']);
    const paid = (r: RewardsJson) => new Map(r.farms.flatMap((f) => f.nodes).filter((n) => n.policyId === 1 && BigInt(n.amount) > 0n).map((n) => [n.nodeId, BigInt(n.amount)]));
    const before0 = paid(p0);
    const after1 = paid(p1);
    // Nodes paid (at least 95% up) in both periods earn more under the doubled CU rate.
    const both = [...before0.keys()].filter((id) => after1.has(id));
    expect(both.length, `nodes paid in both periods: ${JSON.stringify(p0)} ${JSON.stringify(p1)}`).to.be.greaterThan(5);
    for (const nodeId of both) expect(after1.get(nodeId)! > before0.get(nodeId)!, `node ${nodeId}`).to.equal(true);
    expect(BigInt(p1.minted) > BigInt(p0.minted)).to.equal(true);
  });
});
