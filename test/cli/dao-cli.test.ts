/**
 * The DAO and farming commands run in-process against a fake server: the scripted node
 * (test/fixtures/fake-rpc-node.ts: status, accounts, tx submission with signature checks, commits
 * with scripted events) for everything but /dao and /farming, which the real routes answer over the
 * DAO double (test/fixtures/fake-dao-port.ts). Checks the exact params of the txs the commands sign
 * (decoded with the modules' own decoders), the node's consent signature, and the text and --json
 * output.
 */
import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { addressBytesFromPublicKey, addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { verifyEd25519 } from '../../chain/crypto/ed25519-verify.ts';
import { decodeAddNode, decodeCreateFarm, decodeReportUptime, decodeUpdateNode, nodeRegistrationBytes } from '../../dao/farming/farming-params.ts';
import { decodePropose, decodeVote } from '../../dao/governance/dao-params.ts';
import type { ProposalAction } from '../../dao/governance/dao-types.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { DAO_ERRORS } from '../../dao/dao-errors.ts';
import { writeTextFile } from '../../rpc/cli/cli-files.ts';
import { hintFor } from '../../rpc/cli/error-hints.ts';
import type { CliIo } from '../../rpc/cli/cli-io.ts';
import { parseSize } from '../../rpc/cli/dao-options.ts';
import { encodeKeyFile } from '../../rpc/cli/key-file.ts';
import { runCli } from '../../rpc/cli/main.ts';
import type { FetchLike } from '../../rpc/client/client.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { fakeDaoPort, nodeKey, sampleDaoState, stubGenesis, stubRpcNode, type FakeDaoState } from '../fixtures/fake-dao-port.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';
import { REPO_ROOT, field, tempDir } from './run-tfr.ts';

const ALICE_KEY = testAccountKey(TESTNET_SEED, 'alice');
const ALICE = addressFromPublicKey('fake', ALICE_KEY.publicKey);
const BOB = addressFromPublicKey('fake', testAccountKey(TESTNET_SEED, 'bob').publicKey);
const hex = (b: Uint8Array) => toHex(b);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('cli: tfr dao / farm / farming (fake server)', () => {
  let node: FakeRpcNode;
  let s: FakeDaoState;
  let app: FastifyInstance;
  let fetch: FetchLike;
  let tmp: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    node = new FakeRpcNode();
    s = sampleDaoState();
    // The DAO routes answer with the fake node's address prefix, as one node would.
    const stub = stubRpcNode(stubGenesis('fake'), { height: 50, blockMs: 1000 });
    app = buildServer({ node: stub.node, dao: fakeDaoPort(s), rateLimit: false });
    await app.ready();
    fetch = async (url, init) => {
      const u = new URL(url);
      if (!u.pathname.startsWith('/dao') && !u.pathname.startsWith('/farming')) return node.fetch(url, init);
      node.requests.push({ method: init.method, url: u, body: undefined });
      const r = await app.inject({ method: init.method as 'GET', url: `${u.pathname}${u.search}` });
      return { status: r.statusCode, ok: r.statusCode >= 200 && r.statusCode < 300, text: async () => r.body };
    };
    tmp = tempDir();
  });
  afterEach(async () => {
    await app.close();
    tmp.remove();
  });

  const tfr = async (argv: string[], env: Record<string, string> = { HOME: '/nonexistent-home-for-tests' }): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { out: (x) => void (stdout += x), err: (x) => void (stderr += x), env, cwd: tmp.dir, fetch };
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  };
  const file = (name: string, value: unknown): string => {
    writeTextFile(join(tmp.dir, name), JSON.stringify(value));
    return name;
  };
  const POLICY = { name: 'gold', cu: '3000', su: '1250', nu: '38', ipv4: '6', minimalUptime: 950, policyEnd: 0, immutable: false, default: true, nodeCertification: 'certified', farmCertification: 'gold' };
  const lastTx = () => node.submitted.at(-1)!;

  describe('tfr dao propose', () => {
    it('turns repeated and mixed action flags into actions in command-line order, with the DAO defaults', async () => {
      node.commitEvents = [{ module: 'dao', name: 'proposed', data: { id: 7, endHeight: 142, deposit: '1000000000' } }];
      const policy = file('policy.json', POLICY);
      const more = file('more.json', [
        { kind: 'set-dao-params', params: { minDeposit: '5', minVotingPeriod: 10, maxVotingPeriod: 20, quorum: 400, threshold: 600, veto: 300 } },
        { kind: 'attach-policy', farmId: 2, policyId: 1, limits: { end: 900 } },
      ]);
      const r = await tfr([
        'dao', 'propose', '--key', 'alice', '--title', 'Gold for alpha', '--description', 'see the forum',
        '--add-policy', policy,
        '--attach-policy', '1:2:3',
        '--set-pool-fee', '25',
        '--treasury-spend', `${BOB}:12.5`,
        '--farm-certification', '1:gold',
        '--actions', more,
        '--node-certification', '3:certified',
        '--update-policy', `1=${policy}`,
        '--treasury-spend', `${BOB}:2:TFT`,
        '--detach-policy', '2',
        '--attach-policy', '2:4',
      ]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.match(/^note: signing as test account alice/);
      const tx = lastTx();
      expect([tx.body.module, tx.body.command, hex(tx.sender)]).to.deep.equal(['dao', 'propose', hex(ALICE_KEY.publicKey)]);
      const p = decodePropose(tx.body.params);
      expect([p.title, p.description, p.votingPeriod, p.deposit.toString()]).to.deep.equal(['Gold for alpha', 'see the forum', 100, '1000000000']);
      expect(p.actions.map((a) => a.kind)).to.deep.equal([
        'add-policy', 'attach-policy', 'set-pool-fee', 'treasury-spend', 'set-farm-certification', 'set-dao-params', 'attach-policy',
        'set-node-certification', 'update-policy', 'treasury-spend', 'detach-policy', 'attach-policy',
      ]);
      const a = p.actions as ProposalAction[];
      const at = <K extends ProposalAction['kind']>(i: number, kind: K) => {
        expect(a[i]!.kind).to.equal(kind);
        return a[i] as Extract<ProposalAction, { kind: K }>;
      };
      const added = at(0, 'add-policy').policy;
      expect([added.name, added.cu.toString(), added.su.toString(), added.nu.toString(), added.ipv4.toString(), added.minimalUptime, added.default, added.nodeCertification, added.farmCertification])
        .to.deep.equal(['gold', '3000', '1250', '38', '6', 950, true, 'certified', 'gold']);
      expect(at(1, 'attach-policy')).to.deep.include({ farmId: 1, policyId: 2, limits: { cuMilli: null, suMilli: null, nodeCount: 3, end: null, nodeCertification: false } });
      expect(at(2, 'set-pool-fee').feeBps).to.equal(25);
      const spend = at(3, 'treasury-spend');
      expect([hex(spend.to), spend.asset, spend.amount.toString()]).to.deep.equal([hex(addressBytesFromPublicKey(testAccountKey(TESTNET_SEED, 'bob').publicKey)), 'REGIONAL', '125000000']);
      expect(at(4, 'set-farm-certification')).to.deep.include({ farmId: 1, certification: 'gold' });
      const params = at(5, 'set-dao-params').params;
      expect([params.minDeposit.toString(), params.minVotingPeriod, params.maxVotingPeriod, params.quorum, params.threshold, params.veto]).to.deep.equal(['5', 10, 20, 400, 600, 300]);
      expect(at(6, 'attach-policy')).to.deep.include({ farmId: 2, policyId: 1, limits: { cuMilli: null, suMilli: null, nodeCount: null, end: 900, nodeCertification: false } });
      expect(at(7, 'set-node-certification')).to.deep.include({ nodeId: 3, certification: 'certified' });
      expect(at(8, 'update-policy').policyId).to.equal(1);
      expect(at(8, 'update-policy').policy.name).to.equal('gold');
      expect([at(9, 'treasury-spend').asset, at(9, 'treasury-spend').amount.toString()]).to.deep.equal(['TFT', '20000000']);
      expect(at(10, 'detach-policy').farmId).to.equal(2);
      expect(at(11, 'attach-policy')).to.deep.include({ farmId: 2, policyId: 4 });

      expect(field(r.stdout, 'proposal')).to.equal('#7 "Gold for alpha"');
      expect(field(r.stdout, 'voting ends')).to.equal('height 142 (period 100 blocks)');
      expect(field(r.stdout, 'deposit')).to.equal('100 CHI');
      expect(field(r.stdout, 'result')).to.equal('OK');
      expect(field(r.stdout, 'event')).to.equal('dao/proposed id=7 endHeight=142 deposit=1000000000');
      expect(r.stdout).to.contain('follow it with `tfr dao show 7`');
      expect(node.requests.map((q) => `${q.method} ${q.url.pathname}`)).to.include.members(['GET /status', 'GET /dao/params', `GET /accounts/${ALICE}`, 'POST /txs']);
    });

    it('a text proposal with --period and --deposit; the end height from the commit without the event field; --json', async () => {
      node.commitEvents = [{ module: 'dao', name: 'proposed', data: { id: 8 } }];
      const r = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'Hello farmers', '--period', '200', '--deposit', '150.5', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      const p = decodePropose(lastTx().body.params);
      expect([p.title, p.description, p.votingPeriod, p.deposit.toString(), p.actions.length]).to.deep.equal(['Hello farmers', '', 200, '1505000000', 0]);
      const json = JSON.parse(r.stdout);
      expect(json).to.deep.include({ proposalId: 8, endHeight: 42 + 200 });
      expect(json.tx).to.deep.include({ status: 'committed', code: 'OK', height: 42 });
    });

    it('usage errors exit 2 before signing; malformed action files and failed commits exit 1 with their code', async () => {
      for (const argv of [
        ['--attach-policy', '1'],
        ['--attach-policy', '0:1'],
        ['--set-pool-fee', '20000'],
        ['--farm-certification', '1:platinum'],
        ['--node-certification', 'x:diy'],
        ['--update-policy', 'policy.json'],
        ['--treasury-spend', BOB],
        ['--period', '0'],
        ['--treasury-spend', `${BOB}:1.00000001`],
        ['--treasury-spend', `${BOB}:1:BTC`],
        ['--deposit', 'ten'],
      ]) {
        const r = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T', ...argv]);
        expect(r.code, `${argv.join(' ')}: ${r.stderr}`).to.equal(2);
        expect(r.stderr, argv.join(' ')).to.match(/error: CLI_USAGE: /);
      }
      expect((await tfr(['dao', 'propose', '--key', 'alice'])).code).to.equal(2);
      file('broken.json', '{');
      writeTextFile(join(tmp.dir, 'broken.json'), '{', { force: true });
      const broken = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T', '--actions', 'broken.json']);
      expect([broken.code, broken.stderr]).to.satisfy(([c, e]: [number, string]) => c === 2 && /CLI_USAGE: broken\.json is not valid JSON/.test(e));
      file('bad-policy.json', { ...POLICY, cu: 3000 });
      const bad = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T', '--add-policy', 'bad-policy.json']);
      expect(bad.code).to.equal(1);
      expect(bad.stderr).to.match(/error: DAO_BAD_PROPOSAL: --add-policy bad-policy\.json\.policy\.cu: must be a decimal string of base units/);
      expect(bad.stderr).to.match(/\nhint: a title is 1\.\.128 characters/);
      file('bad-list.json', [{ kind: 'detach-policy', farmId: 1 }, { kind: 'set-pool-fee' }]);
      const list = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T', '--actions', 'bad-list.json']);
      expect(list.stderr).to.match(/error: DAO_BAD_PROPOSAL: bad-list\.json\[1\]\.feeBps: missing/);
      expect((await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T', '--actions', 'missing.json'])).stderr).to.match(/CLI_FILE_NOT_FOUND/);
      expect(node.submitted).to.have.length(0);

      node.commitCode = 'DAO_DEPOSIT_TOO_LOW';
      const failed = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T', '--deposit', '1']);
      expect(failed.code).to.equal(1);
      expect(field(failed.stdout, 'result')).to.match(/^DAO_DEPOSIT_TOO_LOW \(failed/);
      expect(failed.stdout).to.not.match(/^proposal /m);
      expect(failed.stderr).to.match(/error: DAO_DEPOSIT_TOO_LOW: tx [0-9a-f]{64} failed in block 42.*\nhint: leave --deposit out/);
    });

    it('a chain without a DAO: RPC_NO_DAO with its hint', async () => {
      s.config = undefined;
      const r = await tfr(['dao', 'propose', '--key', 'alice', '--title', 'T']);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/error: RPC_NO_DAO: this chain has no DAO\nhint: this chain has no DAO/);
    });
  });

  describe('tfr dao vote / list / show', () => {
    it('vote signs dao/vote for the farm and prints it', async () => {
      node.commitEvents = [{ module: 'dao', name: 'voted', data: { id: 1, farmId: 1, choice: 'veto', weight: 3500 } }];
      const r = await tfr(['dao', 'vote', '1', 'veto', '--farm', '1', '--key', 'alice']);
      expect(r.code, r.stderr).to.equal(0);
      const tx = lastTx();
      expect([tx.body.module, tx.body.command]).to.deep.equal(['dao', 'vote']);
      expect(decodeVote(tx.body.params)).to.deep.equal({ proposalId: 1, farmId: 1, choice: 'veto' });
      expect(field(r.stdout, 'vote')).to.equal('veto on proposal #1 for farm 1');
      expect(field(r.stdout, 'event')).to.equal('dao/voted id=1 farmId=1 choice=veto weight=3500');
      const json = await tfr(['dao', 'vote', '4', 'abstain', '--farm', '2', '--key', 'bob', '--json']);
      expect(JSON.parse(json.stdout)).to.deep.include({ status: 'committed', code: 'OK' });
      expect(decodeVote(lastTx().body.params)).to.deep.equal({ proposalId: 4, farmId: 2, choice: 'abstain' });
      for (const argv of [['1', 'maybe', '--farm', '1'], ['0', 'yes', '--farm', '1'], ['x', 'yes', '--farm', '1'], ['1', 'yes'], ['1', 'yes', '--farm', '0']]) {
        expect((await tfr(['dao', 'vote', ...argv, '--key', 'alice'])).code, argv.join(' ')).to.equal(2);
      }
      node.commitCode = 'DAO_VOTING_CLOSED';
      const closed = await tfr(['dao', 'vote', '2', 'yes', '--farm', '1', '--key', 'alice']);
      expect(closed.code).to.equal(1);
      expect(closed.stderr).to.match(/error: DAO_VOTING_CLOSED: .*\nhint: voting on this proposal has ended/);
    });

    it('list prints one line per proposal; --status filters; --json is the API answer', async () => {
      const r = await tfr(['dao', 'list']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.split('\n')).to.deep.equal([
        '#1  open  votes until height 60 (10 blocks left)  turnout 40%, yes 75%, veto 0%, projected passed  "Gold policy for alpha"',
        '#2  passed  ended at height 40  turnout 60%, yes 100%, veto 0%  "Text only"',
        '#3  failed: action 1 LEDGER_INSUFFICIENT_BALANCE  ended at height 45  turnout 50%, yes 100%, veto 0%  "Spend"',
        '#4  open  votes until height 148 (98 blocks left)  turnout 0%, yes 0%, veto 0%, projected rejected  "Every action"',
        '',
      ]);
      const open = await tfr(['dao', 'list', '--status', 'open', '--json']);
      const body = JSON.parse(open.stdout);
      expect(body.proposals.map((p: { id: number }) => p.id)).to.deep.equal([1, 4]);
      expect(body).to.deep.equal((await app.inject({ method: 'GET', url: '/dao/proposals?status=open' })).json());
      expect(node.requests.at(-1)!.url.search).to.equal('?status=open');
      expect((await tfr(['dao', 'list', '--status', 'vetoed'])).stdout).to.equal('no vetoed proposals (height 50)\n');
      expect((await tfr(['dao', 'list', '--status', 'closed'])).code).to.equal(2);
    });

    it('show prints the actions, the tally as bars, turnout against the quorum, time left and the projection', async () => {
      const r = await tfr(['dao', 'show', '1', '--farm', '1']);
      expect(r.code, r.stderr).to.equal(0);
      expect(field(r.stdout, 'proposal')).to.equal('#1 "Gold policy for alpha"');
      expect(field(r.stdout, 'status')).to.equal('open; votes until height 60 (10 blocks left, about 10 s)');
      expect(field(r.stdout, 'proposer')).to.equal(ALICE);
      expect(field(r.stdout, 'deposit')).to.equal('100 CHI');
      expect(field(r.stdout, 'description')).to.equal('https://forum.example/t/1');
      expect(field(r.stdout, 'action 1')).to.match(/^add policy "gold-2027": cu 0\.0003 CHI, su 0\.000125 CHI per unit and period; .*until height 5000, immutable$/);
      expect(field(r.stdout, 'action 3')).to.equal('attach policy 3 to farm 1 (limits: CU 5, 2 nodes, until height 900, certified nodes only)');
      expect(field(r.stdout, 'yes')).to.equal('[###############.....]    75%  weight 3');
      expect(field(r.stdout, 'no')).to.equal('[#####...............]    25%  weight 1');
      expect(field(r.stdout, 'abstain')).to.equal('[....................]     0%  weight 0');
      expect(field(r.stdout, 'turnout')).to.equal('4 of 10 (40%, 2 farms); quorum 33.4%: reached');
      expect(field(r.stdout, 'yes share')).to.equal('75% of yes + no + veto (passes above 50%)');
      expect(field(r.stdout, 'veto share')).to.equal('0% of the turnout (vetoed at 33.4%)');
      expect(field(r.stdout, 'projected')).to.equal('passed (if it closed now)');
      expect(field(r.stdout, 'farm vote')).to.equal('farm 1: yes (weight 3)');
      const every = await tfr(['dao', 'show', '4']);
      expect(field(every.stdout, 'action 7')).to.equal('set the pool fee to 25 bps (0.25%)');
      expect(field(every.stdout, 'action 8')).to.equal('set the DAO parameters: minimum deposit 50 CHI, voting 50..5000 blocks, quorum 40%, threshold 60%, veto 30%');
      expect(field(every.stdout, 'action 9')).to.match(/^pay 1000 CHI from the treasury to fake1/);
      expect(field(every.stdout, 'projected')).to.equal('rejected (if it closed now)');
      const closed = await tfr(['dao', 'show', '3']);
      expect(field(closed.stdout, 'status')).to.equal('failed: action 1 LEDGER_INSUFFICIENT_BALANCE; ended at height 45');
      expect(closed.stdout).to.not.match(/^projected/m);
      const json = await tfr(['dao', 'show', '1', '--json']);
      expect(JSON.parse(json.stdout)).to.deep.equal((await app.inject({ method: 'GET', url: '/dao/proposals/1' })).json());
      const missing = await tfr(['dao', 'show', '99']);
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.match(/^error: DAO_PROPOSAL_NOT_FOUND: no proposal 99\nhint: no proposal has this id: `tfr dao list`/);
      expect((await tfr(['dao', 'show', '1.5'])).code).to.equal(2);
    });
  });

  describe('tfr farm', () => {
    it('create signs farming/create-farm and prints the farm id from its event', async () => {
      node.commitEvents = [{ module: 'farming', name: 'farm-created', data: { farmId: 4, name: 'delta' } }];
      const r = await tfr(['farm', 'create', '--name', 'delta', '--key', 'alice']);
      expect(r.code, r.stderr).to.equal(0);
      expect([lastTx().body.module, lastTx().body.command]).to.deep.equal(['farming', 'create-farm']);
      expect(decodeCreateFarm(lastTx().body.params)).to.deep.equal({ name: 'delta', payout: null });
      expect(field(r.stdout, 'farm')).to.equal('4 "delta" created');
      expect(field(r.stdout, 'owner')).to.equal(ALICE);
      expect(field(r.stdout, 'payout')).to.equal(ALICE);
      const json = await tfr(['farm', 'create', '--name', 'echo', '--payout', BOB, '--key', 'alice', '--json']);
      expect(JSON.parse(json.stdout)).to.deep.include({ farmId: 4 });
      const p = decodeCreateFarm(lastTx().body.params);
      expect([p.name, hex(p.payout!)]).to.deep.equal(['echo', hex(addressBytesFromPublicKey(testAccountKey(TESTNET_SEED, 'bob').publicKey))]);
      const badName = await tfr(['farm', 'create', '--name', 'has space', '--key', 'alice']);
      expect(badName.code).to.equal(1);
      expect(badName.stderr).to.match(/\nerror: DAO_BAD_NAME: .*\nhint: names are 1\.\.40/);
    });

    it('node add: the owner signs the tx, the node key signs its consent over nodeRegistrationBytes; sizes take suffixes', async () => {
      node.commitEvents = [{ module: 'farming', name: 'node-added', data: { nodeId: 12, farmId: 1 } }];
      const r = await tfr(['farm', 'node', 'add', '--farm', '1', '--node-key', 'node-7', '--cru', '8', '--mru', '32GiB', '--sru', '1.5TiB', '--hru', '4TB', '--ips', '2', '--key', 'alice']);
      expect(r.code, r.stderr).to.equal(0);
      const tx = lastTx();
      expect([tx.body.module, tx.body.command, hex(tx.sender)]).to.deep.equal(['farming', 'add-node', hex(ALICE_KEY.publicKey)]);
      const p = decodeAddNode(tx.body.params);
      expect([p.farmId, hex(p.nodeKey), p.resources, p.publicIps]).to.deep.equal([1, hex(nodeKey(7).publicKey), { cru: 8, mru: 32 * 2 ** 30, sru: 1.5 * 2 ** 40, hru: 4e12 }, 2]);
      const consent = nodeRegistrationBytes('tfr-fake-1', 1, addressBytesFromPublicKey(ALICE_KEY.publicKey));
      expect(verifyEd25519(p.nodeKey, consent, p.nodeSignature)).to.equal(true);
      expect(verifyEd25519(p.nodeKey, nodeRegistrationBytes('tfr-fake-1', 2, addressBytesFromPublicKey(ALICE_KEY.publicKey)), p.nodeSignature)).to.equal(false);
      const account = addressFromPublicKey('fake', nodeKey(7).publicKey);
      expect(field(r.stdout, 'node')).to.equal('12 added to farm 1');
      expect(field(r.stdout, 'node key')).to.equal(hex(nodeKey(7).publicKey));
      expect(field(r.stdout, 'node account')).to.equal(account);
      expect(r.stdout).to.contain(`hint: the node's account ${account} pays the fees of its own uptime reports and capacity updates, so it needs a little CHI: \`tfr transfer --to ${account} --amount 1 --asset CHI\``);
      expect(r.stderr).to.contain('note: node key of test node 7, derived from the published seed "tfr-public-testnet-v1" (path node/7)');
    });

    it('node add with a node key file; --json; bad sizes are usage errors', async () => {
      node.commitEvents = [{ module: 'farming', name: 'node-added', data: { nodeId: 13 } }];
      const own = deriveEd25519Key('dao-cli-test', 'my-node');
      writeTextFile(join(tmp.dir, 'home', 'keys', 'rack1.json'), encodeKeyFile({ name: 'rack1', publicKey: own.publicKey, secretKey: own.secret }));
      const env = { TFR_HOME: join(tmp.dir, 'home'), HOME: '/nonexistent-home-for-tests' };
      for (const spec of ['rack1', 'home/keys/rack1.json']) {
        const r = await tfr(['farm', 'node', 'add', '--farm', '2', '--node-key', spec, '--cru', '1', '--mru', '1073741824', '--sru', '0', '--hru', '500GB', '--key', 'bob', '--json'], env);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stderr).to.not.contain('test node');
        const out = JSON.parse(r.stdout);
        expect(out).to.deep.include({ nodeId: 13, nodeKey: hex(own.publicKey), nodeAccount: addressFromPublicKey('fake', own.publicKey) });
        const p = decodeAddNode(lastTx().body.params);
        expect([hex(p.nodeKey), p.resources, p.publicIps]).to.deep.equal([hex(own.publicKey), { cru: 1, mru: 2 ** 30, sru: 0, hru: 5e11 }, 0]);
        expect(verifyEd25519(own.publicKey, nodeRegistrationBytes('tfr-fake-1', 2, addressBytesFromPublicKey(testAccountKey(TESTNET_SEED, 'bob').publicKey)), p.nodeSignature)).to.equal(true);
      }
      for (const size of ['1.5B', '2PiB', '-1', 'lots', '1e9', '1 XB']) {
        const r = await tfr(['farm', 'node', 'add', '--farm', '1', '--node-key', 'node-1', '--cru', '1', '--mru', size, '--sru', '0', '--hru', '0', '--key', 'alice']);
        expect(r.code, size).to.equal(2);
      }
      expect((await tfr(['farm', 'node', 'add', '--farm', '1', '--node-key', 'nobody', '--cru', '1', '--mru', '0', '--sru', '0', '--hru', '0', '--key', 'alice'])).stderr).to.match(/^error: CLI_KEY_NOT_FOUND: no node key "nobody"/);
      expect((await tfr(['farm', 'node', 'add', '--farm', '1', '--node-key', 'node-1', '--cru', '0', '--mru', '0', '--sru', '0', '--hru', '0', '--key', 'alice'])).code).to.equal(2);
    });

    it('node update and uptime are signed by the node key', async () => {
      const n1 = nodeKey(1);
      const u = await tfr(['farm', 'node', 'update', '--node', '1', '--node-key', 'node-1', '--cru', '16', '--mru', '64GiB', '--sru', '2TiB', '--hru', '0', '--ips', '1']);
      expect(u.code, u.stderr).to.equal(0);
      expect([lastTx().body.command, hex(lastTx().sender)]).to.deep.equal(['update-node', hex(n1.publicKey)]);
      expect(decodeUpdateNode(lastTx().body.params)).to.deep.equal({ nodeId: 1, resources: { cru: 16, mru: 64 * 2 ** 30, sru: 2 * 2 ** 40, hru: 0 }, publicIps: 1 });
      const r = await tfr(['farm', 'uptime', '--node', '1', '--node-key', 'node-1', '--uptime', '3600', '--nu', '2GB']);
      expect(r.code, r.stderr).to.equal(0);
      expect([lastTx().body.module, lastTx().body.command, hex(lastTx().sender)]).to.deep.equal(['farming', 'report-uptime', hex(n1.publicKey)]);
      expect(decodeReportUptime(lastTx().body.params)).to.deep.equal({ nodeId: 1, uptimeSeconds: 3600, nuBytes: 2e9 });
      expect(field(r.stdout, 'uptime')).to.equal('node 1 up 3600 s, 2000000000 bytes of public traffic');
      expect(field(r.stdout, 'reporter')).to.equal(addressFromPublicKey('fake', n1.publicKey));
      expect(node.requests.some((q) => q.url.pathname === `/accounts/${addressFromPublicKey('fake', n1.publicKey)}`)).to.equal(true);
      await tfr(['farm', 'uptime', '--node', '2', '--node-key', 'node-2', '--uptime', '0', '--json']);
      expect(decodeReportUptime(lastTx().body.params)).to.deep.equal({ nodeId: 2, uptimeSeconds: 0, nuBytes: 0 });
      expect((await tfr(['farm', 'uptime', '--node', '1', '--node-key', 'node-1', '--uptime', '-5'])).code).to.equal(2);
      node.commitCode = 'DAO_NOT_NODE_KEY';
      const wrong = await tfr(['farm', 'uptime', '--node', '1', '--node-key', 'node-2', '--uptime', '10']);
      expect(wrong.code).to.equal(1);
      expect(wrong.stderr).to.match(/error: DAO_NOT_NODE_KEY: .*\nhint: updates and uptime reports are signed by the node's own key/);
    });

    it('farm show and node show print the registry; --json is the API answer; unknown ids fail with the DAO_ code', async () => {
      const f = await tfr(['farm', 'show', '1']);
      expect(f.code, f.stderr).to.equal(0);
      expect(field(f.stdout, 'farm')).to.equal('1 "alpha"');
      expect(field(f.stdout, 'nodes')).to.equal('1, 2');
      expect(field(f.stdout, 'vote weight')).to.equal('3.5 (2*CU + SU of its nodes)');
      expect(field(f.stdout, 'policy')).to.equal('3 attached (limits: CU 5, 2 nodes)');
      expect(field((await tfr(['farm', 'show', '3'])).stdout, 'policy')).to.equal('none attached (default policies apply)');
      const n = await tfr(['farm', 'node', 'show', '1']);
      expect(field(n.stdout, 'node')).to.equal('1 (farm 1)');
      expect(field(n.stdout, 'resources')).to.equal('8 cores, 32 GiB memory, 1000 GiB SSD, 4 TiB HDD, 2 public IPs');
      expect(field(n.stdout, 'units')).to.equal('CU 1.25, SU 1');
      expect(field(n.stdout, 'uptime')).to.match(/^1 h credited in period 5, 2000000000 bytes of public traffic; last report 2026-11-01T00:00:45\.000Z, up 24 h$/);
      expect(field(n.stdout, 'paid by')).to.equal('policy 3 (if the period ended now)');
      expect(field(n.stdout, 'account')).to.equal(`${addressFromPublicKey('fake', nodeKey(1).publicKey)} (signs and pays for the node's reports)`);
      expect(JSON.parse((await tfr(['farm', 'node', 'show', '2', '--json'])).stdout)).to.deep.equal((await app.inject({ method: 'GET', url: '/farming/nodes/2' })).json());
      expect(JSON.parse((await tfr(['farm', 'show', '2', '--json'])).stdout)).to.deep.include({ name: 'beta', payout: addressFromPublicKey('fake', testAccountKey(TESTNET_SEED, 'carol').publicKey) });
      const missing = await tfr(['farm', 'node', 'show', '42']);
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.match(/^error: DAO_NODE_NOT_FOUND: no node 42\nhint: /);
      expect((await tfr(['farm', 'show', '9'])).stderr).to.match(/^error: DAO_FARM_NOT_FOUND: /);
      expect((await tfr(['farm', 'show', 'alpha'])).code).to.equal(2);
    });
  });

  describe('tfr farming', () => {
    it('policies: one line each with rewards in tokens; --json is the API answer', async () => {
      const r = await tfr(['farming', 'policies']);
      expect(r.code, r.stderr).to.equal(0);
      const out = r.stdout.split('\n');
      expect(out).to.have.length(5);
      expect(out[0]).to.equal(
        '#1 v2  "diy": cu 0.00024 CHI, su 0.0001 CHI per unit and period; nu 0.000003 CHI per GB; ipv4 0.0000005 CHI per IP-hour; minimal uptime 95%, no end, default for diy nodes of notCertified farms',
      );
      expect(out[2]).to.match(/^#3 v1  "promo": .*until height 30, immutable  EXPIRED$/);
      expect(out[3]).to.not.contain('EXPIRED');
      expect(JSON.parse((await tfr(['farming', 'policies', '--json'])).stdout)).to.deep.equal((await app.inject({ method: 'GET', url: '/farming/policies' })).json());
    });

    it('rewards: the open period and the latest closed one; a closed period per farm and node; an open one fails', async () => {
      const o = await tfr(['farming', 'rewards']);
      expect(o.code, o.stderr).to.equal(0);
      expect(field(o.stdout, 'period')).to.equal('5 (open): heights 41..60, 10 blocks left, about 10 s');
      expect(field(o.stdout, 'latest closed')).to.equal('period 4, ended at height 40 (2026-11-01T00:00:40.000Z): minted 0.0012345 CHI to 2 nodes (1 below the minimal uptime)');
      const p = await tfr(['farming', 'rewards', '4']);
      expect(p.code, p.stderr).to.equal(0);
      expect(field(p.stdout, 'minted')).to.equal('0.0012345 CHI');
      expect(field(p.stdout, 'nodes paid')).to.equal('2 (1 below the minimal uptime)');
      expect(field(p.stdout, 'farm 1')).to.equal(`0.001 CHI to ${ALICE}`);
      expect(p.stdout).to.match(/^ {2}node 1\s+0\.0007 CHI \(policy 3, uptime 99%\)$/m);
      expect(p.stdout).to.match(/^ {2}node 3\s+0 CHI \(no policy, uptime 10%\)$/m);
      expect(JSON.parse((await tfr(['farming', 'rewards', '4', '--json'])).stdout)).to.deep.equal((await app.inject({ method: 'GET', url: '/farming/rewards/4' })).json());
      expect(JSON.parse((await tfr(['farming', 'rewards', '--json'])).stdout).current.period).to.equal(5);
      const open = await tfr(['farming', 'rewards', '5']);
      expect(open.code).to.equal(1);
      expect(open.stderr).to.match(/^error: RPC_PERIOD_NOT_FOUND: period 5 has not closed \(the open period is 5\)\nhint: that farming period has not closed yet/);
      expect((await tfr(['farming', 'rewards', 'last'])).code).to.equal(2);
      s.period = undefined;
      expect((await tfr(['farming', 'policies'])).stderr).to.match(/^error: RPC_NO_FARMING: .*\nhint: this chain has no farming registry/);
    });
  });

  it('every DAO_ code and the new RPC_ codes have a hint', () => {
    for (const code of [...Object.keys(DAO_ERRORS), 'RPC_NO_DAO', 'RPC_NO_FARMING', 'RPC_PERIOD_NOT_FOUND']) expect(hintFor(code), code).to.be.a('string');
  });

  it('sizes: bytes, or decimal and binary suffixes, whole bytes only', () => {
    expect(['0', '1073741824', '32GiB', '32 gib', '1.5TiB', '4TB', '500GB', '1KB', '2MiB', '0.5KiB'].map((v) => parseSize(v, 2 ** 50))).to.deep.equal([
      0, 2 ** 30, 32 * 2 ** 30, 32 * 2 ** 30, 1.5 * 2 ** 40, 4e12, 5e11, 1000, 2 * 2 ** 20, 512,
    ]);
    for (const bad of ['', '1.5', '0.1KiB', '-1', '1e3', 'GiB', '2PiB', '1025TiB', '1 XB']) expect(parseSize(bad, 2 ** 50), bad).to.equal(undefined);
    expect(REPO_ROOT).to.be.a('string');
  });
});
