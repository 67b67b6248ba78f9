/** Answers of the driver to `check-block` and `build-block`. */
import type { Block } from '../block/block.ts';
import { blockHash } from '../block/block-codec.ts';
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { applyRules } from './rules.ts';
import { valueKey } from './vote-set.ts';

/** valid(v) becomes known: record it and re-run the rules that were waiting. Unasked verdicts are ignored. */
export function onBlockChecked(s: ConsensusState, height: number, hash: Uint8Array, valid: boolean, out: ConsensusEffect[]): ConsensusState {
  if (height !== s.height || s.decision !== null) return s;
  const key = valueKey(hash);
  if (s.verdicts.get(key) !== 'pending') return s;
  return applyRules({ ...s, verdicts: new Map(s.verdicts).set(key, valid ? 'valid' : 'invalid') }, out);
}

/**
 * Line 18's getValue() returned: propose it (line 19, validRound −1). Only the answer to the
 * `build-block` of the current round, still in the propose step, is used. The node built the
 * block itself, so it counts as valid: its own proposal, fed back by the driver, needs no check.
 */
export function onOwnBlock(s: ConsensusState, height: number, round: number, block: Block, out: ConsensusEffect[]): ConsensusState {
  const proposer = s.params.ownIndex;
  if (proposer === null || s.decision !== null || height !== s.height || round !== s.round || s.awaitingBlock !== round || s.step !== 'propose') return s;
  const hash = blockHash(block.header);
  out.push({ kind: 'sign-proposal', proposal: { height, round, validRound: -1, block, blockHash: hash, proposer } });
  return { ...s, awaitingBlock: null, verdicts: new Map(s.verdicts).set(valueKey(hash), 'valid') };
}
