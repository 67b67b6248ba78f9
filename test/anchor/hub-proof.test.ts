/**
 * verifyHubProof: a region's light-client check of a Hub header, its commit and a Merkle proof.
 * The Hub fixture has four validators of powers 1, 2, 3, 4 (quorum 7 of 10), so the weight rule is
 * about power, not count: validators 2 and 3 (7) suffice, three validators of power 6 do not.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { encodeHeader } from '../../chain/block/block-codec.ts';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { encodeCommit, voteSignBytes } from '../../chain/consensus/message-codec.ts';
import type { Commit } from '../../chain/consensus/messages.ts';
import { signEd25519 } from '../../chain/crypto/ed25519-sign.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { transferId } from '../../chain/anchor/bridge-records.ts';
import { checkHubCommit, hubValidatorSet, verifyHubProof, type HubConfig } from '../../chain/anchor/hub-proof.ts';
import type { HubProof } from '../../chain/anchor/anchor-params.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { ONE } from '../fixtures/test-chain.ts';
import { addr, fundsOf, HUB_ID, HUB_KEYS, hubCommit, HubChain, REGION_A, RegionChain } from '../fixtures/bridge-chains.ts';

describe('hub-proof: verifyHubProof', function () {
  this.timeout(60_000);

  let hub: HubChain;
  let config: HubConfig;
  let key: Uint8Array;
  let value: Uint8Array;
  /** Hub height whose header proves the deposit. */
  let at: number;
  /** The relayer's proof of the deposit at `at`. */
  let proofBase: HubProof;

  before(async () => {
    hub = await HubChain.open(fundsOf(['alice'], ONE.muln(1000)), [REGION_A]);
    config = hub.config();
    await hub.applyOk([hub.deposit('alice', REGION_A, addr('bob'), ONE.muln(5))]);
    const id = transferId(HUB_ID, REGION_A, 0);
    key = bridgeKeys.transfer(id);
    value = await hub.transferBytes(id);
    await hub.applyOk([]);
    at = hub.height();
    proofBase = await hub.hubProof(key, at);
  });

  /** The proof of the deposit at Hub height `at`, with the commit replaced. */
  const withCommit = (commit: Commit): HubProof => ({ ...proofBase, commit: encodeCommit(commit) });

  const block = () => hub.blocks.get(at)!.block;

  it('accepts the header, a commit of all validators and the proof of the exact bytes', async () => {
    const header = verifyHubProof(config, await hub.hubProof(key, at), key, value);
    expect(header.height).to.equal(at);
    expect(header.chainId).to.equal(HUB_ID);
    expect(hubValidatorSet(config).totalPower).to.equal(10);
  });

  it('counts power, not signers: 2+3 or 0+1+3 (7 of 10) suffice; 1+3, 0+1+2 (6), 3, 0+2 (4) do not', async () => {
    expect(verifyHubProof(config, withCommit(hubCommit(block(), [2, 3])), key, value).height).to.equal(at);
    expect(verifyHubProof(config, withCommit(hubCommit(block(), [0, 1, 3])), key, value).height).to.equal(at);
    for (const signers of [[1, 3], [0, 1, 2], [3], [0, 2]]) {
      const proof = withCommit(hubCommit(block(), signers));
      expect(codeOf(() => verifyHubProof(config, proof, key, value)), `signers ${signers.join(',')}`).to.equal('BRIDGE_BAD_HUB_COMMIT');
    }
  });

  it('refuses a forged signature even when the others hold the quorum', async () => {
    const c = hubCommit(block());
    const bad = c.signatures[0]!.signature.slice();
    bad[5]! ^= 1;
    const forged = { ...c, signatures: [{ validator: 0, signature: bad }, ...c.signatures.slice(1)] };
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: encodeCommit(forged) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
  });

  it('refuses precommits signed by keys that are not the Hub validators (a forged commit)', async () => {
    const impostors = HUB_KEYS.map((_, i) => deriveEd25519Key('mallory', `fake/${i}`));
    const h = block().header;
    const c = hubCommit(block());
    const forged: Commit = {
      ...c,
      signatures: c.signatures.map((s) => ({ validator: s.validator, signature: signEd25519(impostors[s.validator]!.secret, voteSignBytes(HUB_ID, { type: 'precommit', height: h.height, round: 0, blockHash: c.blockHash, validator: s.validator })) })),
    };
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: encodeCommit(forged) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    // and a config naming the impostors does not match the header's validatorsHash
    const fake: HubConfig = { chainId: HUB_ID, validators: config.validators.map((v, i) => ({ ...v, publicKey: impostors[i]!.publicKey })) };
    expect(codeOf(() => verifyHubProof(fake, { ...proofBase, commit: encodeCommit(forged) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
  });

  it('refuses a commit of another block, another height, another round, or a signer outside the set', async () => {
    const other = hub.blocks.get(at - 1)!;
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: encodeCommit(other.commit) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    const c = hubCommit(block());
    // signatures for round 0, commit claims round 1
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: encodeCommit({ ...c, round: 1 }) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    // a fifth signer index (the set has 4)
    const outside = { ...c, signatures: [...c.signatures, { validator: 4, signature: c.signatures[0]!.signature }] };
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: encodeCommit(outside) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    // a signer listed twice (decoders require strictly ascending validators)
    const twice = encodeCbor([c.height, c.round, c.blockHash, [[3, c.signatures[3]!.signature], [3, c.signatures[3]!.signature]]]);
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: twice }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    expect(codeOf(() => checkHubCommit(config, block().header, { ...c, height: c.height + 1 }))).to.equal('BRIDGE_BAD_HUB_COMMIT');
  });

  it('refuses a header that is not the Hub configured: another chain, another validator set', async () => {
    const region = await RegionChain.open(REGION_A, config, fundsOf(['bob'], new BN(0)));
    await region.applyOk([]);
    await region.applyOk([]);
    const r = region.blocks.get(2)!;
    const regionProof = { header: encodeHeader(r.block.header), commit: encodeCommit(r.commit), proof: await region.proofAt(r.block.header.stateRoot, key) };
    expect(codeOf(() => verifyHubProof(config, regionProof, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    const renamed: HubConfig = { chainId: 'tfr-hub-2', validators: config.validators };
    expect(codeOf(() => verifyHubProof(renamed, proofBase, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    const repowered: HubConfig = { chainId: HUB_ID, validators: config.validators.map((v, i) => ({ ...v, power: i === 0 ? 10 : v.power })) };
    expect(codeOf(() => verifyHubProof(repowered, proofBase, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
  });

  it('refuses malformed header or commit bytes', async () => {
    const header = proofBase.header.slice(0, -1);
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, header }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, commit: new Uint8Array([0x80]) }, key, value))).to.equal('BRIDGE_BAD_HUB_COMMIT');
  });

  it('refuses a proof against a wrong root, of other bytes, of absence, or malformed', async () => {
    // the proof is against the state of Hub height at - 1 (before the deposit): it proves absence there
    const earlier = await hub.proofAt(hub.blocks.get(at - 1)!.block.header.stateRoot, key);
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, proof: earlier }, key, value))).to.equal('BRIDGE_BAD_PROOF');
    const tampered = value.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(codeOf(() => verifyHubProof(config, proofBase, key, tampered))).to.equal('BRIDGE_BAD_PROOF');
    expect(codeOf(() => verifyHubProof(config, proofBase, bridgeKeys.transfer(transferId(HUB_ID, REGION_A, 1)), value))).to.equal('BRIDGE_BAD_PROOF');
    expect(codeOf(() => verifyHubProof(config, { ...proofBase, proof: proofBase.proof.slice(0, 10) }, key, value))).to.equal('BRIDGE_BAD_PROOF');
    // the header of the deposit's own block: its stateRoot is from before the deposit
    const own = await hub.hubProof(key, at - 1);
    expect(codeOf(() => verifyHubProof(config, own, key, value))).to.equal('BRIDGE_BAD_PROOF');
  });
});
