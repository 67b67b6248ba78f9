/** Everything block execution needs besides the store: chain id, validator set hash, modules, verifier, limits. */
import type { ExecutionDeps } from './execute-block.ts';

export interface ChainContext extends ExecutionDeps {
  readonly chainId: string;
  /** Hash of the validator set every block header must name. */
  readonly validatorsHash: Uint8Array;
}
