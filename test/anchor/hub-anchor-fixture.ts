/**
 * Fixtures for the Hub's anchor module: real BLS keys of a region's validators (derived from a
 * seed, sorted as a certificate set), certificates and their aggregates, and a Hub test chain with
 * the anchor module whose genesis registers regions.
 *
 * Aggregates are signed with the sum of the signers' secrets: every signer signs the same message,
 * so sum(sk_i * H(m)) = (sum sk_i) * H(m) is byte for byte the aggregate of their signatures (a
 * test checks it), at the cost of one signature instead of 99.
 */
import { expect } from 'chai';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { compareBytes, toHex, utf8 } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { blsSign } from '../../chain/crypto/bls.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { deriveBlsKey, type BlsKeyPair } from '../../chain/crypto/key-derivation.ts';
import { isChainError } from '../../chain/errors.ts';
import type { AppliedBlock } from '../../chain/execution/apply-block.ts';
import { anchorSetHash, checkedAnchorSet, type AnchorSet, type AnchorValidator } from '../../chain/anchor/anchor-set.ts';
import { submitParams, registerParams, type RegisteringValidator, type ValidatorSetUpdate } from '../../chain/anchor/anchor-params.ts';
import { parseAnchorSection } from '../../chain/anchor/anchor-genesis.ts';
import { certificateSignBytes, type AggregateCertificate, type Certificate } from '../../chain/anchor/certificate.ts';
import { createHubAnchorModule } from '../../chain/anchor/hub-anchor-module.ts';
import { bitmapFromIndices } from '../../chain/anchor/signer-bitmap.ts';
import { addressOf, HRP, makeGenesis, ONE, openTestChain, signedTx, testKey, type TestChain } from '../fixtures/test-chain.ts';

const R = bls12_381.fields.Fr.ORDER;

export const REGION = 'tfr-region-1';
export const OTHER_REGION = 'tfr-region-2';

const keyCache = new Map<string, BlsKeyPair[]>();

/** `n` BLS keys (with their proofs of possession) of a region, sorted ascending by public key. */
export function regionKeys(n: number, seed = 'hub-anchor-test'): BlsKeyPair[] {
  const id = `${seed}:${n}`;
  let keys = keyCache.get(id);
  if (keys === undefined) {
    keys = Array.from({ length: n }, (_, i) => deriveBlsKey(seed, `region/validator/${i + 1}/bls`)).sort((a, b) => compareBytes(a.publicKey, b.publicKey));
    keyCache.set(id, keys);
  }
  return keys;
}

export function validatorsOf(keys: readonly BlsKeyPair[], weights?: readonly number[]): AnchorValidator[] {
  return keys.map((k, i) => ({ blsPublicKey: k.publicKey, weight: weights?.[i] ?? 1 }));
}

/** The checked set of `keys` (sorted), weights 1 unless given, threshold floor(2W/3) + 1 unless given. */
export function setOf(keys: readonly BlsKeyPair[], o: { weights?: readonly number[]; threshold?: number } = {}): AnchorSet {
  const validators = validatorsOf(keys, o.weights);
  const total = validators.reduce((s, v) => s + v.weight, 0);
  return checkedAnchorSet(validators, o.threshold ?? Math.floor((2 * total) / 3) + 1);
}

/** An update carrying `keys` with their proofs (in the given order: tests pass unsorted ones too). */
export function updateOf(keys: readonly BlsKeyPair[], threshold: number, weights?: readonly number[]): ValidatorSetUpdate {
  return { validators: keys.map((k, i): RegisteringValidator => ({ blsPublicKey: k.publicKey, blsPop: k.pop, weight: weights?.[i] ?? 1 })), threshold };
}

/** The hash an update's list would have as given (even when it is not a valid set). */
export function updateHash(update: ValidatorSetUpdate): Uint8Array {
  return anchorSetHash(update.validators.map((v) => ({ blsPublicKey: v.blsPublicKey, weight: v.weight })), update.threshold);
}

/** A certificate of `chainId` at `height`; `fork` changes the block (and state root). */
export function certificateOf(chainId: string, height: number, validatorsHash: Uint8Array, fork = ''): Certificate {
  return { chainId, height, blockHash: sha256(utf8(`block ${chainId} ${height} ${fork}`)), stateRoot: sha256(utf8(`state ${chainId} ${height} ${fork}`)), validatorsHash };
}

/** The aggregate signature of `signers` (indices into the sorted `keys`) over `certificate`. */
export function aggregateSignature(keys: readonly BlsKeyPair[], signers: readonly number[], certificate: Certificate): Uint8Array {
  let sum = 0n;
  for (const i of signers) sum = (sum + bytesToNumberBE(keys[i]!.secret)) % R;
  return blsSign(numberToBytesBE(sum, 32), certificateSignBytes(certificate));
}

/** An aggregate of `certificate` signed by `signers` (default: all) of the sorted `keys`. */
export function signedAggregate(keys: readonly BlsKeyPair[], certificate: Certificate, signers: readonly number[] = keys.map((_, i) => i)): AggregateCertificate {
  return { certificate, signers: bitmapFromIndices(keys.length, signers), signature: aggregateSignature(keys, signers, certificate) };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The genesis JSON of a region (what the "anchor" section lists). */
export function regionJson(chainId: string, keys: readonly BlsKeyPair[], threshold?: number, weights?: readonly number[]): Record<string, unknown> {
  const validators = keys.map((k, i) => ({ blsPublicKey: toHex(k.publicKey), blsPop: toHex(k.pop), weight: weights?.[i] ?? 1 }));
  const total = validators.reduce((s, v) => s + v.weight, 0);
  return { chainId, threshold: threshold ?? Math.floor((2 * total) / 3) + 1, validators };
}

export const REGISTRAR = 'alice';
export const RELAYER = 'relayer';

/** A Hub chain (ledger + anchor) whose genesis registers `regions` (JSON entries); alice is the registrar. */
export class HubChain {
  private readonly nonces = new Map<string, number>();
  private constructor(readonly chain: TestChain) {}

  static async open(regions: readonly Record<string, unknown>[]): Promise<HubChain> {
    const funds = { TFT: ONE.muln(1_000_000), REGIONAL: ONE.muln(1_000_000) };
    const g = makeGenesis({ [REGISTRAR]: funds, [RELAYER]: funds, bob: funds });
    const anchor = parseAnchorSection({ registrar: encodeAddress(HRP, addressOf(testKey(REGISTRAR))), regions }, 'anchor');
    return new HubChain(await openTestChain({ genesis: { ...g, app: { anchor } }, extraModules: [createHubAnchorModule()] }));
  }

  get state() {
    return this.chain.store.state;
  }

  root(): string {
    return toHex(this.chain.store.state.root());
  }

  height(): number {
    return this.chain.store.tip().height;
  }

  tx(name: string, command: string, params: CborValue): Uint8Array {
    const nonce = this.nonces.get(name) ?? 0;
    this.nonces.set(name, nonce + 1);
    return signedTx(testKey(name), 'anchor', command, params, { nonce });
  }

  submit(aggregate: AggregateCertificate, update: ValidatorSetUpdate | null = null, sender = RELAYER): Uint8Array {
    return this.tx(sender, 'submit', submitParams.encode({ aggregate, update }));
  }

  register(chainId: string, update: ValidatorSetUpdate, sender = REGISTRAR): Uint8Array {
    return this.tx(sender, 'register', registerParams.encode({ chainId, ...update }));
  }

  /** Applies one block; every tx must succeed. */
  async applyOk(txs: readonly Uint8Array[]): Promise<AppliedBlock> {
    const applied = await this.chain.apply(txs);
    for (const r of applied.results.txs) expect(r.code).to.equal('OK');
    return applied;
  }

  /**
   * A block with the txs of `sender` must be rejected as EXEC_INVALID_TX with `reason`, and the
   * state root and tip stay as they were (the sender's nonce is given back).
   */
  async expectInvalid(tx: Uint8Array, reason: string, sender = RELAYER): Promise<void> {
    const root = this.root();
    const height = this.height();
    let error: unknown;
    try {
      await this.chain.apply([tx]);
    } catch (e) {
      error = e;
    } finally {
      this.nonces.set(sender, (this.nonces.get(sender) ?? 1) - 1);
    }
    if (error !== undefined) {
      if (!isChainError(error)) throw error;
      expect(error.code, error.message).to.equal('EXEC_INVALID_TX');
      expect(error.details?.['reason'], error.message).to.equal(reason);
      expect(this.root()).to.equal(root);
      expect(this.height()).to.equal(height);
      return;
    }
    expect.fail(`expected the block to be rejected with ${reason}`);
  }
}
