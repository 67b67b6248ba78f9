/**
 * A fast harness for property tests: the ledger and pool modules' genesis and the pool commands'
 * `execute` on copy-on-write state layers, exactly as block execution runs them (a failed command's
 * layer is dropped), without signing or blocks (so thousands of sequences run in seconds).
 */
import BN from 'bn.js';
import { isChainError } from '../../chain/errors.ts';
import { StateOverlay } from '../../chain/execution/state-overlay.ts';
import type { AnyCommand, ChainModule } from '../../chain/execution/module.ts';
import { createLedgerModule } from '../../chain/ledger/ledger-module.ts';
import { getAccount } from '../../chain/ledger/ledger-state.ts';
import type { DecodedTx } from '../../chain/tx/transaction.ts';
import { createPoolModule } from '../../defi/pool-module.ts';
import { getShares, getPool, type PoolRecord } from '../../defi/pool-state.ts';
import type { PoolGenesis } from '../../defi/pool-genesis.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { addressOf, poolGenesis, testKey, TREASURY } from '../fixtures/pool-chain.ts';
import { MIN_FEE } from '../fixtures/test-chain.ts';

export class PoolWorld {
  readonly state = new StateOverlay({ get: async () => undefined });
  readonly users: Uint8Array[];
  private readonly commands = new Map<string, AnyCommand>();
  height = 1;

  private constructor(readonly names: readonly string[], private readonly pool: ChainModule) {
    this.users = names.map((n) => addressOf(testKey(n)));
    for (const c of pool.commands) this.commands.set(c.name, c);
  }

  static async create(names: readonly string[], funds: BN, section: PoolGenesis): Promise<PoolWorld> {
    const genesis = poolGenesis(names, funds, section);
    const pool = createPoolModule({ addressPrefix: genesis.addressPrefix });
    const world = new PoolWorld(names, pool);
    const ledger = createLedgerModule({ addressPrefix: genesis.addressPrefix, minFee: MIN_FEE });
    const emit = () => undefined;
    await ledger.initGenesis!({ genesis, state: world.state, emit });
    await pool.initGenesis!({ genesis, state: world.state, emit });
    return world;
  }

  /** Runs `command` for user `i`: 'OK' (layer merged) or the ChainError code (layer dropped). Stateless failures too. */
  async run(i: number, command: string, params: CborValue): Promise<string> {
    const cmd = this.commands.get(command)!;
    const layer = this.state.child();
    const tx = { senderAddress: this.users[i]! } as DecodedTx;
    try {
      const p = cmd.decodeParams(params);
      await cmd.execute({ block: { chainId: 'tfr-unit-1', height: this.height, time: 0 }, tx, state: layer, emit: () => undefined }, p);
    } catch (e) {
      if (isChainError(e)) return e.code;
      throw e;
    }
    layer.mergeInto(this.state);
    return 'OK';
  }

  async poolRecord(): Promise<PoolRecord> {
    return (await getPool(this.state))!;
  }

  async balance(i: number): Promise<{ TFT: BN; REGIONAL: BN }> {
    return (await getAccount(this.state, this.users[i]!)).balances;
  }

  async shares(i: number): Promise<BN> {
    return getShares(this.state, this.users[i]!);
  }

  async treasuryShares(): Promise<BN> {
    return getShares(this.state, TREASURY);
  }
}
