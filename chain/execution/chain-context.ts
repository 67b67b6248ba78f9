/** Everything block execution needs besides the store: the chain id, modules, verifier, limits. */
import type { ExecutionDeps } from './execute-block.ts';

export interface ChainContext extends ExecutionDeps {
  readonly chainId: string;
}
