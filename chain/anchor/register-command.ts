/**
 * `anchor.register` (Hub): the registrar named in the Hub genesis registers a region with its
 * certificate validator set. Params (anchor-params.ts): [chainId, [[blsPublicKey, blsPop, weight], ...], threshold].
 *
 * All checks are in `verify`, so a registration that breaks a rule is an *invalid* tx (refused by
 * the mempool, never in a block), in this order:
 *   sender is the registrar                                       ANCHOR_NOT_REGISTRAR
 *   chain id free (and not the Hub's own)                         ANCHOR_REGION_EXISTS
 *   validators sorted ascending by key, unique, weights >= 1, 1..1000   ANCHOR_BAD_VALIDATOR_SET
 *   threshold in [floor(W/3) + 1, W]                              ANCHOR_BAD_THRESHOLD
 *   every proof of possession verifies                            ANCHOR_BAD_POP
 * A chain id that is not 1..64 printable ASCII characters is TX_BAD_PARAMS (stateless).
 * `execute` runs the same checks (the proofs from their cache, ~25 ms each the first time only)
 * and records the region; event `anchor.registered {chainId, validators, threshold, validatorsHash}`.
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { isValidChainId } from '../crypto/domain.ts';
import { ChainError } from '../errors.ts';
import type { Command, TxReadContext } from '../execution/module.ts';
import type { StateReader } from '../execution/state-access.ts';
import { checkedAnchorSet, type AnchorSet } from './anchor-set.ts';
import { registerParams, type RegisterParams } from './anchor-params.ts';
import { addRegion, getAnchorConfig, getRegion } from './hub-anchor-state.ts';
import { checkPops } from './verify-certificate.ts';

export const ANCHOR_MODULE = 'anchor';
export const ANCHOR_COMMANDS = { register: 'register', submit: 'submit' } as const;

async function checkRegister(state: StateReader, hubChainId: string, sender: Uint8Array, p: RegisterParams): Promise<AnchorSet> {
  const config = await getAnchorConfig(state);
  if (config === undefined || !bytesEqual(config.registrar, sender)) {
    throw new ChainError('ANCHOR_NOT_REGISTRAR', config === undefined ? 'this chain has no region registrar (no anchor genesis section)' : 'only the registrar named in the Hub genesis may register regions');
  }
  if (p.chainId === hubChainId) throw new ChainError('ANCHOR_REGION_EXISTS', `${JSON.stringify(p.chainId)} is the Hub's own chain id`, { chainId: p.chainId });
  if ((await getRegion(state, p.chainId)) !== undefined) throw new ChainError('ANCHOR_REGION_EXISTS', `region ${JSON.stringify(p.chainId)} is already registered`, { chainId: p.chainId });
  const set = checkedAnchorSet(p.validators.map((v) => ({ blsPublicKey: v.blsPublicKey, weight: v.weight })), p.threshold);
  checkPops(p.validators);
  return set;
}

export function registerCommand(): Command<RegisterParams> {
  const check = (ctx: TxReadContext, p: RegisterParams) => checkRegister(ctx.state, ctx.block.chainId, ctx.tx.senderAddress, p);
  return {
    name: ANCHOR_COMMANDS.register,
    decodeParams: (v) => {
      const p = registerParams.decode(v);
      if (!isValidChainId(p.chainId)) throw new ChainError('TX_BAD_PARAMS', 'params.chainId: a chain id is 1..64 printable ASCII characters', { field: 'params.chainId' });
      return p;
    },
    encodeParams: registerParams.encode,
    async verify(ctx, p) {
      await check(ctx, p);
    },
    async execute(ctx, p) {
      const set = await check(ctx, p);
      await addRegion(ctx.state, p.chainId, set, ctx.block.height);
      ctx.emit('registered', { chainId: p.chainId, validators: set.validators.length, threshold: set.threshold, validatorsHash: toHex(set.hash) });
    },
  };
}
