/**
 * Anchoring test helpers: a generated 4-validator genesis with a small `anchorInterval` (and a
 * shorter commit pause, so anchor heights come quickly), the validators' BLS secrets, and the
 * check every formed aggregate must pass: the certificate of the stored block, signers reaching
 * the threshold, and one fast-aggregate-verify against anchorSetFromGenesis (what the Hub does).
 */
import { expect } from 'chai';
import { anchorSetFromGenesis } from '../../../chain/anchor/anchor-set.ts';
import { certificateSignBytes, type AggregateCertificate, type Certificate } from '../../../chain/anchor/certificate.ts';
import { signerIndices } from '../../../chain/anchor/signer-bitmap.ts';
import { blockHash } from '../../../chain/block/block-codec.ts';
import type { ChainStore } from '../../../chain/block/chain-store.ts';
import { blsFastAggregateVerify, blsSign } from '../../../chain/crypto/bls.ts';
import { deriveBlsKey } from '../../../chain/crypto/key-derivation.ts';
import type { AnchorSignatures } from '../../../chain/node/anchor/anchor-messages.ts';
import { regionGenesisSections } from '../../../chain/node/region-modules.ts';
import { generateGenesis } from '../../../genesis/generate-genesis.ts';
import { formatGenesisJson } from '../../../genesis/genesis-file.ts';
import type { Genesis } from '../../../genesis/genesis-types.ts';
import { parseGenesis } from '../../../genesis/parse-genesis.ts';

export const ANCHOR_SEED = 'anchor-tests';
export const ANCHOR_REGION = 'anchortest';
export const ANCHOR_INTERVAL = 3;

const geneses = new Map<string, Genesis>();

/** `validators` validators (seed ANCHOR_SEED), anchorInterval `interval`, commit pause `commitMs`. */
export function anchorGenesis(o: { validators?: number; interval?: number; commitMs?: number; chainId?: string } = {}): Genesis {
  const n = o.validators ?? 4;
  const interval = o.interval ?? ANCHOR_INTERVAL;
  const commitMs = o.commitMs ?? 150;
  const key = `${n}/${interval}/${commitMs}/${o.chainId ?? ''}`;
  let g = geneses.get(key);
  if (g === undefined) {
    const file = generateGenesis({ region: ANCHOR_REGION, validators: n, seed: ANCHOR_SEED, accounts: 2, pool: false, dao: false, ...(o.chainId !== undefined && { chainId: o.chainId }) });
    const patched = { ...file, consensus: { ...file.consensus, anchorInterval: interval, timeouts: { ...file.consensus.timeouts, commitMs } } };
    g = parseGenesis(formatGenesisJson(patched), { sections: regionGenesisSections() });
    geneses.set(key, g);
  }
  return g;
}

const blsSecrets = new Map<number, Uint8Array>();
/** The BLS secret of genesis validator `i` (0-based), by testValidatorKeys' rule. */
export function anchorBlsSecret(i: number): Uint8Array {
  let s = blsSecrets.get(i);
  if (s === undefined) {
    s = deriveBlsKey(ANCHOR_SEED, `${ANCHOR_REGION}/validator/${i + 1}/bls`).secret;
    blsSecrets.set(i, s);
  }
  return s;
}

/** The anchor-set index (sorted by BLS key) of genesis validator `i`. */
export function signerOf(genesis: Genesis, i: number): number {
  const set = anchorSetFromGenesis(genesis);
  const key = genesis.validators[i]!.blsPublicKey;
  return set.validators.findIndex((v) => Buffer.from(v.blsPublicKey).equals(Buffer.from(key)));
}

/** The certificate of the block a store holds at `height`. */
export async function certificateAt(genesis: Genesis, store: ChainStore, height: number): Promise<Certificate> {
  const block = await store.blocks.block(height);
  if (block === undefined) throw new Error(`no block ${height}`);
  return { chainId: genesis.chainId, height, blockHash: blockHash(block.header), stateRoot: block.header.stateRoot, validatorsHash: anchorSetFromGenesis(genesis).hash };
}

/** An `anchor-sigs` payload signed by genesis validators `signers` (0-based genesis indices). */
export function signedBy(genesis: Genesis, certificate: Certificate, validators: readonly number[]): AnchorSignatures {
  const bytes = certificateSignBytes(certificate);
  const signatures = validators
    .map((i) => ({ signer: signerOf(genesis, i), signature: blsSign(anchorBlsSecret(i), bytes) }))
    .sort((a, b) => a.signer - b.signer);
  return Object.freeze({ certificate, signatures: Object.freeze(signatures.map((s) => Object.freeze(s))) });
}

/** The aggregate is the stored block's certificate, its signers reach the threshold, and it verifies. */
export async function expectValidAggregate(genesis: Genesis, store: ChainStore, a: AggregateCertificate): Promise<void> {
  const set = anchorSetFromGenesis(genesis);
  const expected = await certificateAt(genesis, store, a.certificate.height);
  expect(a.certificate).to.deep.equal(expected);
  expect(a.certificate.height % genesis.consensus.anchorInterval).to.equal(0);
  const signers = signerIndices(set.validators.length, a.signers);
  const weight = signers.reduce((w, i) => w + set.validators[i]!.weight, 0);
  expect(weight, 'signers reach the threshold').to.be.at.least(set.threshold);
  expect(a.signature.length).to.equal(96);
  expect(blsFastAggregateVerify(signers.map((i) => set.validators[i]!.blsPublicKey), certificateSignBytes(a.certificate), a.signature), 'the aggregate verifies').to.equal(true);
}
