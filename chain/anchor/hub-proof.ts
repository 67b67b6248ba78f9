/**
 * A region's light-client check of the Hub: that a key held exact value bytes in the Hub's state.
 * The relayer brings a Hub header, the commit that decided it and a Merkle proof; the region knows
 * the Hub's chain id and validator set from its genesis ("hub" section) and checks:
 *
 *   1. the header decodes strictly and is the Hub's (chain id, and validatorsHash = the hash of the
 *      configured set, so the commit indices below refer to that set);
 *   2. the commit is for that header (height, block hash), its signers are in the set, hold more
 *      than 2/3 of the power, and every one of their precommit signatures verifies;
 *   3. the proof proves key -> value (exact bytes) against the header's stateRoot, the Hub state
 *      after block height - 1.
 *
 * Any defect of 1 or 2 is BRIDGE_BAD_HUB_COMMIT, of 3 BRIDGE_BAD_PROOF. Synchronous (modules have no
 * verifier port): one ed25519 verification per signer, ~4 ms for 67 of the Hub's 100, once per
 * (header, commit) in a process.
 */
import type { BlockHeader } from '../block/block.ts';
import { blockHash, decodeHeader } from '../block/block-codec.ts';
import { validatorSet } from '../block/validator-set.ts';
import { BoundedCache } from '../bounded-cache.ts';
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { sha256 } from '../codec/hash.ts';
import type { Commit } from '../consensus/messages.ts';
import { decodeCommit, voteSignBytes } from '../consensus/message-codec.ts';
import { quorumThreshold } from '../consensus/quorum.ts';
import { verifyEd25519 } from '../crypto/ed25519-verify.ts';
import { ChainError, isChainError } from '../errors.ts';
import { decodeProof } from '../state/proof-codec.ts';
import type { MerkleProof } from '../state/merkle-proof.ts';
import { verifyProof } from '../state/verify-proof.ts';
import type { HubProof } from './anchor-params.ts';

/** One Hub validator, in the Hub genesis order (commit indices refer to it). */
export interface HubValidator {
  readonly publicKey: Uint8Array;
  readonly blsPublicKey: Uint8Array;
  readonly power: number;
}

/** What a region knows of the Hub: its chain id and validator set (the "hub" genesis section). */
export interface HubConfig {
  readonly chainId: string;
  readonly validators: readonly HubValidator[];
}

interface HubSet {
  readonly hash: Uint8Array;
  readonly totalPower: number;
}

/** Derived once per config object (configs are immutable values). */
const sets = new WeakMap<HubConfig, HubSet>();

/** The hash every Hub header names (chain/block/validator-set.ts) and the total power. */
export function hubValidatorSet(config: HubConfig): HubSet {
  const known = sets.get(config);
  if (known !== undefined) return known;
  const set = validatorSet(config.validators.map((v) => ({ name: '', publicKey: v.publicKey, blsPublicKey: v.blsPublicKey, power: v.power })));
  const derived = { hash: set.hash, totalPower: set.totalPower };
  sets.set(config, derived);
  return derived;
}

function badCommit(message: string, details: Record<string, unknown> = {}): ChainError {
  return new ChainError('BRIDGE_BAD_HUB_COMMIT', message, details);
}

function decodeOr<T>(decode: () => T, fail: (why: string) => ChainError): T {
  try {
    return decode();
  } catch (e) {
    if (!isChainError(e)) throw e;
    throw fail(e.message);
  }
}

/** Throws BRIDGE_BAD_HUB_COMMIT unless `commit` decides `header` with > 2/3 of the Hub's power. */
export function checkHubCommit(config: HubConfig, header: BlockHeader, commit: Commit): void {
  const set = hubValidatorSet(config);
  if (header.chainId !== config.chainId) throw badCommit(`the header is of chain ${JSON.stringify(header.chainId)}, not the Hub ${JSON.stringify(config.chainId)}`);
  if (!bytesEqual(header.validatorsHash, set.hash)) throw badCommit("the header's validatorsHash is not the Hub validator set's", { validatorsHash: toHex(header.validatorsHash) });
  const hash = blockHash(header);
  if (commit.height !== header.height || !bytesEqual(commit.blockHash, hash)) {
    throw badCommit(`the commit is for height ${commit.height}, block ${toHex(commit.blockHash)}, not the header (height ${header.height}, block ${toHex(hash)})`);
  }
  let power = 0;
  for (const s of commit.signatures) {
    const v = config.validators[s.validator];
    if (v === undefined) throw badCommit(`commit signer ${s.validator} is not a Hub validator`);
    power += v.power;
  }
  const quorum = quorumThreshold(set.totalPower);
  if (power < quorum) throw badCommit(`the commit's signers hold ${power} of the Hub's power ${set.totalPower}, ${quorum} needed`, { power, quorum });
  for (const s of commit.signatures) {
    const vote = { type: 'precommit' as const, height: commit.height, round: commit.round, blockHash: commit.blockHash, validator: s.validator };
    if (!verifyEd25519(config.validators[s.validator]!.publicKey, voteSignBytes(config.chainId, vote), s.signature)) {
      throw badCommit(`the precommit signature of Hub validator ${s.validator} does not verify`, { validator: s.validator });
    }
  }
}

/**
 * (Hub, header, commit) triples that passed checkHubCommit in this process, keyed by exact bytes:
 * `verify` and `execute` of one tx, the validators of one process and the claims proven against one
 * Hub header all check the same commit. Only successes are kept, so the answer never changes.
 */
const verifiedCommits = new BoundedCache<string, true>(1024);

/**
 * Checks `hubProof` for `key` -> `value` (exact bytes) in the Hub's state and returns the verified
 * header (its height is the Hub height the value was proven at; its state is after height - 1).
 */
export function verifyHubProof(config: HubConfig, hubProof: HubProof, key: Uint8Array, value: Uint8Array): BlockHeader {
  const header = decodeOr(() => decodeHeader(hubProof.header), (why) => badCommit(`malformed Hub header: ${why}`));
  const checked = `${config.chainId}:${toHex(hubValidatorSet(config).hash)}:${toHex(sha256(hubProof.header))}:${toHex(sha256(hubProof.commit))}`;
  if (verifiedCommits.get(checked) === undefined) {
    const commit = decodeOr(() => decodeCommit(hubProof.commit), (why) => badCommit(`malformed Hub commit: ${why}`));
    checkHubCommit(config, header, commit);
    verifiedCommits.set(checked, true);
  }
  const proof: MerkleProof = decodeOr(() => decodeProof(hubProof.proof), (why) => new ChainError('BRIDGE_BAD_PROOF', why));
  if (!verifyProof(header.stateRoot, key, value, proof)) {
    throw new ChainError('BRIDGE_BAD_PROOF', `the Merkle proof does not prove the record against the state root of Hub block ${header.height}`, { hubHeight: header.height });
  }
  return header;
}
