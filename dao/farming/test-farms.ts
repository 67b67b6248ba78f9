/**
 * The farming section of a test network (genesis/testnet.json, `tfr genesis new`): tfchain's two
 * genesis default policies and one farm of two nodes per test owner, all derived from the seed.
 *
 * Rates: tfchain's defaults are milli-USD per CU / SU per month, per GB, per IPv4-hour. A region pays
 * in its own token per period with no price oracle, so we read 1 regional token as 1 USD:
 * tfchain's figure x 10^4 base units (at 7 decimals, 2400 milli-USD = 2.4 tokens = 24,000,000 base
 * units per CU per period). The testnet's short periods make these rates generous; that is the point
 * of a testnet. Portable (no node:*).
 */
import { deriveEd25519Key, type Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';

const GIB = 2 ** 30;
const TIB = 2 ** 40;

export interface FarmingPolicyJson {
  readonly name: string;
  readonly cu: string;
  readonly su: string;
  readonly nu: string;
  readonly ipv4: string;
  readonly minimalUptime: number;
  readonly policyEnd: number;
  readonly immutable: boolean;
  readonly default: boolean;
  readonly nodeCertification: 'diy' | 'certified';
  readonly farmCertification: 'notCertified' | 'gold';
}

export interface FarmingNodeJson {
  readonly nodeKey: string;
  readonly cru: number;
  readonly mru: number;
  readonly sru: number;
  readonly hru: number;
  readonly publicIps: number;
}

export interface FarmingFarmJson {
  readonly name: string;
  readonly owner: string;
  readonly nodes: readonly FarmingNodeJson[];
}

export interface FarmingSectionJson {
  readonly periodBlocks: number;
  readonly policies: readonly FarmingPolicyJson[];
  readonly farms: readonly FarmingFarmJson[];
}

/** tfchain's genesis defaults (DIY, and certified at +25%), x 10^4 base units. */
export const TEST_POLICIES: readonly FarmingPolicyJson[] = [
  { name: 'diy', cu: '24000000', su: '10000000', nu: '300000', ipv4: '50000', minimalUptime: 950, policyEnd: 0, immutable: false, default: true, nodeCertification: 'diy', farmCertification: 'notCertified' },
  { name: 'certified', cu: '30000000', su: '12500000', nu: '380000', ipv4: '60000', minimalUptime: 950, policyEnd: 0, immutable: false, default: true, nodeCertification: 'certified', farmCertification: 'notCertified' },
];

/** Realistic machines, used in turn: cores, memory, SSD, HDD, public IPs. */
const MACHINES = [
  { cru: 8, mru: 32 * GIB, sru: 1 * TIB, hru: 4 * TIB, publicIps: 1 },
  { cru: 16, mru: 64 * GIB, sru: 2 * TIB, hru: 8 * TIB, publicIps: 2 },
  { cru: 4, mru: 16 * GIB, sru: 512 * GIB, hru: 0, publicIps: 0 },
  { cru: 32, mru: 128 * GIB, sru: 4 * TIB, hru: 16 * TIB, publicIps: 1 },
] as const;

export const TEST_NODES_PER_FARM = 2;

/** The key of test node i (1, 2, 3 ... across all farms). */
export function testNodeKey(seed: string, i: number): Ed25519KeyPair {
  return deriveEd25519Key(seed, `node/${i}`);
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function testFarmingSection(seed: string, owners: readonly { name: string; address: string }[], opts: { readonly periodBlocks?: number } = {}): FarmingSectionJson {
  let i = 0;
  const farms = owners.map((o) => ({
    name: `${o.name}-farm`,
    owner: o.address,
    nodes: Array.from({ length: TEST_NODES_PER_FARM }, () => {
      i++;
      const m = MACHINES[(i - 1) % MACHINES.length]!;
      return { nodeKey: hex(testNodeKey(seed, i).publicKey), cru: m.cru, mru: m.mru, sru: m.sru, hru: m.hru, publicIps: m.publicIps };
    }),
  }));
  return { periodBlocks: opts.periodBlocks ?? 120, policies: TEST_POLICIES, farms };
}
