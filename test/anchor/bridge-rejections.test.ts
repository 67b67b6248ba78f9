/**
 * Every refusal of the bridge, on both sides, through real blocks: the block carrying the tx is
 * rejected as EXEC_INVALID_TX with the exact code, and the state root and height do not move (the
 * checks run in `verify`; nobody pays for a refused transfer). Replays, proofs against a wrong root,
 * releases before anchoring, claims for another region (both directions), forged or insufficient
 * Hub commits, a frozen bridge, bad receipts.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { amountToBytes } from '../../chain/amount.ts';
import { encodeHeader } from '../../chain/block/block-codec.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeCommit } from '../../chain/consensus/message-codec.ts';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { transferRecordCodec } from '../../chain/anchor/bridge-records.ts';
import { escrowAddress, frozenAt, getReceipt } from '../../chain/anchor/bridge-state.ts';
import { createRegionBridgeModule } from '../../chain/anchor/region-bridge-module.ts';
import { regionRecordCodec } from '../../chain/anchor/hub-records.ts';
import { commitFor, makeGenesis, ONE, openTestChain, VALIDATOR } from '../fixtures/test-chain.ts';
import { addr, BridgeChain, BridgeWorld, fundsOf, hubCommit, type HubChain, REGION_A, REGION_B, RegionChain, RELAYER } from '../fixtures/bridge-chains.ts';

const HUNDRED = ONE.muln(100);

async function openWorld(): Promise<BridgeWorld> {
  return BridgeWorld.open({
    hubFunds: fundsOf(['alice', 'carol'], ONE.muln(1000)),
    regionFunds: { [REGION_A]: fundsOf(['bob'], ONE.muln(50)), [REGION_B]: fundsOf(['dave'], new BN(0)) },
  });
}

/** Deposits `amount` from alice for `recipient` on `region`; returns the transfer id and record bytes. */
async function deposit(hub: HubChain, region: string, recipient: Uint8Array, amount = HUNDRED): Promise<{ id: Uint8Array; record: Uint8Array }> {
  const applied = await hub.applyOk([hub.deposit('alice', region, recipient, amount)]);
  const id = Buffer.from(String(applied.results.txs[0]!.events.find((e) => e.name === 'deposit')!.data['id']), 'hex');
  return { id: new Uint8Array(id), record: await hub.transferBytes(new Uint8Array(id)) };
}

/** Withdraws from `name` on `region` for alice on the Hub; returns the id, record bytes and height. */
async function withdraw(region: RegionChain, name: string, amount: BN): Promise<{ id: Uint8Array; record: Uint8Array; height: number }> {
  const applied = await region.applyOk([region.withdraw(name, addr('alice'), amount)]);
  const id = new Uint8Array(Buffer.from(String(applied.results.txs[0]!.events.find((e) => e.name === 'withdraw')!.data['id']), 'hex'));
  return { id, record: await region.transferBytes(id), height: region.height() };
}

describe('bridge rejections: exact code, no state change', function () {
  this.timeout(60_000);

  describe('Hub -> region claims', () => {
    let world: BridgeWorld;
    let a: RegionChain;
    let b: RegionChain;
    before(async () => {
      world = await openWorld();
      a = world.region(REGION_A);
      b = world.region(REGION_B);
    });

    it('a replayed proof: the second claim is BRIDGE_ALREADY_CLAIMED, even with another Hub header', async () => {
      const { hub } = world;
      const { id, record } = await deposit(hub, REGION_A, addr('bob'));
      await hub.applyOk([]);
      const proof = await hub.hubProof(bridgeKeys.transfer(id));
      await a.applyOk([a.claim(record, proof)]);
      await a.expectInvalid(a.claim(record, proof), RELAYER, 'BRIDGE_ALREADY_CLAIMED');
      await hub.applyOk([]);
      await a.expectInvalid(a.claim(record, await hub.hubProof(bridgeKeys.transfer(id))), RELAYER, 'BRIDGE_ALREADY_CLAIMED');
      // two claims of one deposit in one block: the second is invalid at its place, the block is refused
      const { id: id2, record: r2 } = await deposit(hub, REGION_A, addr('bob'));
      await hub.applyOk([]);
      const p2 = await hub.hubProof(bridgeKeys.transfer(id2));
      await a.expectInvalidBlock([a.claim(r2, p2), a.claim(r2, p2)], [RELAYER, RELAYER], 'BRIDGE_ALREADY_CLAIMED');
      await a.applyOk([a.claim(r2, p2)]);
    });

    it('a proof against a wrong root (a Hub header from before the deposit) is BRIDGE_BAD_PROOF', async () => {
      const { hub } = world;
      const before = hub.height();
      const { id, record } = await deposit(hub, REGION_A, addr('bob'));
      await hub.applyOk([]);
      // the header of the block before the deposit, and the deposit's own (its stateRoot precedes it)
      await a.expectInvalid(a.claim(record, await hub.hubProof(bridgeKeys.transfer(id), before)), RELAYER, 'BRIDGE_BAD_PROOF');
      await a.expectInvalid(a.claim(record, await hub.hubProof(bridgeKeys.transfer(id), before + 1)), RELAYER, 'BRIDGE_BAD_PROOF');
      // a right proof with a tampered record (the recipient changed): the bytes are not what the Hub holds
      const forged = transferRecordCodec.encode({ ...transferRecordCodec.decode(record), recipient: addr('mallory') });
      await a.expectInvalid(a.claim(forged, await hub.hubProof(bridgeKeys.transfer(id))), RELAYER, 'BRIDGE_BAD_PROOF');
      const inflated = transferRecordCodec.encode({ ...transferRecordCodec.decode(record), amount: HUNDRED.muln(10) });
      await a.expectInvalid(a.claim(inflated, await hub.hubProof(bridgeKeys.transfer(id))), RELAYER, 'BRIDGE_BAD_PROOF');
    });

    it('a deposit for region B claimed on region A is BRIDGE_WRONG_CHAIN; B claims it', async () => {
      const { hub } = world;
      const { id, record } = await deposit(hub, REGION_B, addr('bob'));
      await hub.applyOk([]);
      const proof = await hub.hubProof(bridgeKeys.transfer(id));
      await a.expectInvalid(a.claim(record, proof), RELAYER, 'BRIDGE_WRONG_CHAIN');
      await b.applyOk([b.claim(record, proof)]);
      expect((await b.tft('bob')).toString()).to.equal(HUNDRED.toString());
    });

    it('a forged or insufficient Hub commit is BRIDGE_BAD_HUB_COMMIT', async () => {
      const { hub } = world;
      const { id, record } = await deposit(hub, REGION_A, addr('carol'));
      await hub.applyOk([]);
      const proof = await hub.hubProof(bridgeKeys.transfer(id));
      const block = hub.blocks.get(hub.height())!.block;
      // validators 1 and 3: power 6 of 10, quorum 7
      await a.expectInvalid(a.claim(record, { ...proof, commit: encodeCommit(hubCommit(block, [1, 3])) }), RELAYER, 'BRIDGE_BAD_HUB_COMMIT');
      // all four, one signature forged
      const c = hubCommit(block);
      const sig = c.signatures[2]!.signature.slice();
      sig[0]! ^= 0x80;
      const forged = { ...c, signatures: c.signatures.map((s, i) => (i === 2 ? { validator: 2, signature: sig } : s)) };
      await a.expectInvalid(a.claim(record, { ...proof, commit: encodeCommit(forged) }), RELAYER, 'BRIDGE_BAD_HUB_COMMIT');
      // a region header and commit posing as the Hub's
      await a.applyOk([]);
      const own = a.blocks.get(a.height())!;
      await a.expectInvalid(a.claim(record, { header: encodeHeader(own.block.header), commit: encodeCommit(own.commit), proof: proof.proof }), RELAYER, 'BRIDGE_BAD_HUB_COMMIT');
      // the honest proof still works afterwards
      await a.applyOk([a.claim(record, proof)]);
      expect((await a.tft('carol')).toString()).to.equal(HUNDRED.toString());
    });

    it('malformed records and zero amounts are malformed txs (TX_BAD_PARAMS)', async () => {
      const { hub } = world;
      const { id, record } = await deposit(hub, REGION_A, addr('bob'));
      await hub.applyOk([]);
      const proof = await hub.hubProof(bridgeKeys.transfer(id));
      await a.expectInvalid(a.claim(record.slice(0, -1), proof), RELAYER, 'TX_BAD_PARAMS', 'malformed');
      await a.expectInvalid(a.withdraw('bob', addr('alice'), new BN(0)), 'bob', 'TX_BAD_PARAMS', 'at least 1 base unit');
      await hub.expectInvalid(hub.deposit('alice', REGION_A, addr('bob'), new BN(0)), 'alice', 'TX_BAD_PARAMS', 'at least 1 base unit');
      // a region id that is not printable ASCII ("š" is 0x161: one key byte 0x61, "a") would alias region A's keys
      const alias = `${REGION_A.slice(0, -1)}\u0161`;
      await hub.expectInvalid(hub.tx('alice', 'deposit', [alias, addr('bob'), amountToBytes(ONE)]), 'alice', 'TX_BAD_PARAMS', 'chain id');
    });

    it('deposits for an unknown region or above the balance, withdrawals above the balance, are refused', async () => {
      const { hub } = world;
      await hub.expectInvalid(hub.deposit('alice', 'tfr-region-z', addr('bob'), ONE), 'alice', 'ANCHOR_UNKNOWN_REGION');
      await hub.expectInvalid(hub.deposit('alice', REGION_A, addr('bob'), ONE.muln(1_000_000)), 'alice', 'LEDGER_INSUFFICIENT_BALANCE');
      await a.expectInvalid(a.withdraw('bob', addr('alice'), ONE.muln(1_000_000)), 'bob', 'LEDGER_INSUFFICIENT_BALANCE');
      await b.expectInvalid(b.withdraw('dave', addr('alice'), ONE), 'dave', 'LEDGER_INSUFFICIENT_BALANCE');
    });
  });

  describe('region -> Hub releases', () => {
    let world: BridgeWorld;
    let a: RegionChain;
    let b: RegionChain;
    before(async () => {
      world = await openWorld();
      a = world.region(REGION_A);
      b = world.region(REGION_B);
      // fund A's escrow (bob on A also holds 50 TFT from A's genesis, which no deposit backs)
      const { id, record } = await deposit(world.hub, REGION_A, addr('bob'), HUNDRED);
      await world.hub.applyOk([]);
      await a.applyOk([a.claim(record, await world.hub.hubProof(bridgeKeys.transfer(id)))]);
    });

    it('a release before anchoring is BRIDGE_NOT_ANCHORED, at or below the withdrawal height too', async () => {
      const { hub } = world;
      const w = await withdraw(a, 'bob', ONE.muln(10));
      // nothing anchored at that height yet
      await hub.expectInvalid(hub.release(REGION_A, w.height + 1, w.record, await a.withdrawalProof(w.id, w.height)), RELAYER, 'BRIDGE_NOT_ANCHORED');
      // anchored exactly at the withdrawal's block: its stateRoot is from before the withdrawal
      const at = await world.anchor(REGION_A);
      expect(at).to.equal(w.height);
      await hub.expectInvalid(hub.release(REGION_A, at, w.record, await a.withdrawalProof(w.id, at)), RELAYER, 'BRIDGE_NOT_ANCHORED');
      // anchored above it: released once
      await a.applyOk([]);
      const above = await world.anchor(REGION_A);
      const proof = await a.withdrawalProof(w.id, above);
      await hub.applyOk([hub.release(REGION_A, above, w.record, proof)]);
      // a replayed release
      await hub.expectInvalid(hub.release(REGION_A, above, w.record, proof), RELAYER, 'BRIDGE_ALREADY_CLAIMED');
      await a.applyOk([]);
      const later = await world.anchor(REGION_A);
      await hub.expectInvalid(hub.release(REGION_A, later, w.record, await a.withdrawalProof(w.id, later)), RELAYER, 'BRIDGE_ALREADY_CLAIMED');
    });

    it('a proof against a wrong root, or of tampered bytes, is BRIDGE_BAD_PROOF', async () => {
      const { hub } = world;
      const w = await withdraw(a, 'bob', ONE.muln(10));
      await a.applyOk([]);
      const first = await world.anchor(REGION_A);
      // the state moves on (an empty block would leave the root as it was)
      await withdraw(a, 'bob', ONE);
      await a.applyOk([]);
      const second = await world.anchor(REGION_A);
      expect(toHex(a.certificate(second).stateRoot)).to.not.equal(toHex(a.certificate(first).stateRoot));
      // proven against the first anchored root, submitted for the second
      await hub.expectInvalid(hub.release(REGION_A, second, w.record, await a.withdrawalProof(w.id, first)), RELAYER, 'BRIDGE_BAD_PROOF');
      // a proof of the block before the withdrawal (absence), submitted at a height that holds it
      await hub.expectInvalid(hub.release(REGION_A, second, w.record, await a.withdrawalProof(w.id, w.height)), RELAYER, 'BRIDGE_BAD_PROOF');
      const inflated = transferRecordCodec.encode({ ...transferRecordCodec.decode(w.record), amount: ONE.muln(90) });
      await hub.expectInvalid(hub.release(REGION_A, second, inflated, await a.withdrawalProof(w.id, second)), RELAYER, 'BRIDGE_BAD_PROOF');
      await hub.expectInvalid(hub.release(REGION_A, second, w.record, new Uint8Array([1, 2, 3])), RELAYER, 'BRIDGE_BAD_PROOF');
      await hub.applyOk([hub.release(REGION_A, second, w.record, await a.withdrawalProof(w.id, second))]);
    });

    it("a withdrawal of region A released as region B's is BRIDGE_WRONG_CHAIN; one for another Hub too", async () => {
      const { hub } = world;
      const w = await withdraw(a, 'bob', ONE.muln(5));
      await a.applyOk([]);
      const atA = await world.anchor(REGION_A);
      // B anchored at the same height, so a certificate exists: the record's source is A, not B
      while (b.height() < atA) await b.applyOk([]);
      const atB = await world.anchor(REGION_B);
      await hub.expectInvalid(hub.release(REGION_B, atB, w.record, await a.withdrawalProof(w.id, atA)), RELAYER, 'BRIDGE_WRONG_CHAIN');
      // a chain that calls itself region B but bridges with another Hub: its withdrawals are not for this one
      const rogue = await RegionChain.open(REGION_B, { ...hub.config(), chainId: 'tfr-hub-2' }, fundsOf(['bob'], ONE.muln(50)));
      while (rogue.height() < b.height()) await rogue.applyOk([]);
      const rw = await withdraw(rogue, 'bob', ONE.muln(5));
      expect(transferRecordCodec.decode(rw.record).destination).to.equal('tfr-hub-2');
      await rogue.applyOk([]);
      await hub.applyOk([hub.submit(rogue.aggregate(rogue.height()))]);
      await hub.expectInvalid(hub.release(REGION_B, rogue.height(), rw.record, await rogue.withdrawalProof(rw.id, rogue.height())), RELAYER, 'BRIDGE_WRONG_CHAIN');
    });

    it("a release above the region's escrow is refused: a region is never paid more than was deposited for it", async () => {
      const { hub } = world;
      const escrow = await hub.tft(escrowAddress(REGION_A));
      // bob holds A-genesis TFT that no deposit backs; he withdraws more than the escrow holds
      const bobOnA = await a.tft('bob');
      expect(bobOnA.gt(escrow)).to.equal(true);
      const w = await withdraw(a, 'bob', bobOnA);
      await a.applyOk([]);
      const at = await world.anchor(REGION_A);
      await hub.expectInvalid(hub.release(REGION_A, at, w.record, await a.withdrawalProof(w.id, at)), RELAYER, 'LEDGER_INSUFFICIENT_BALANCE');
      expect((await hub.tft(escrowAddress(REGION_A))).toString()).to.equal(escrow.toString());
    });
  });

  describe('receipts and a frozen bridge', () => {
    it('records newer receipts only; a bad receipt is ANCHOR_BAD_RECEIPT; fork evidence freezes both sides', async () => {
      const world = await openWorld();
      const { hub } = world;
      const a = world.region(REGION_A);
      const b = world.region(REGION_B);
      // nothing anchored yet: the Hub's record says lastHeight 0
      const none = await hub.freshProof(anchorKeys.region(REGION_A));
      await a.expectInvalid(a.receipt(none.value, none.hubProof), RELAYER, 'ANCHOR_STALE_HEIGHT');
      const { id, record } = await deposit(hub, REGION_A, addr('bob'));
      await hub.applyOk([]);
      const claimProof = await hub.hubProof(bridgeKeys.transfer(id));
      const at = await world.anchor(REGION_A);
      const fresh = await hub.freshProof(anchorKeys.region(REGION_A));
      // wrong proofs of the record
      const block = hub.blocks.get(hub.height())!.block;
      await a.expectInvalid(a.receipt(fresh.value, { ...fresh.hubProof, commit: encodeCommit(hubCommit(block, [0, 1, 2])) }), RELAYER, 'ANCHOR_BAD_RECEIPT');
      await a.expectInvalid(a.receipt(fresh.value, { ...fresh.hubProof, proof: none.hubProof.proof }), RELAYER, 'ANCHOR_BAD_RECEIPT');
      const lying = regionRecordCodec.encode({ ...regionRecordCodec.decode(fresh.value), lastHeight: at + 100 });
      await a.expectInvalid(a.receipt(lying, fresh.hubProof), RELAYER, 'ANCHOR_BAD_RECEIPT');
      // region A's record given to region B
      await b.expectInvalid(b.receipt(fresh.value, fresh.hubProof), RELAYER, 'ANCHOR_BAD_RECEIPT');
      await a.applyOk([a.receipt(fresh.value, fresh.hubProof)]);
      expect((await getReceipt(a.state))!.height).to.equal(at);
      await a.expectInvalid(a.receipt(fresh.value, fresh.hubProof), RELAYER, 'ANCHOR_STALE_HEIGHT');

      // a conflicting certificate for the anchored height: fork evidence, the Hub freezes A's bridge
      const w = await withdraw(a, 'bob', ONE);
      await hub.applyOk([hub.submit(a.aggregate(at, true))]);
      await hub.expectInvalid(hub.deposit('alice', REGION_A, addr('bob'), ONE), 'alice', 'ANCHOR_BRIDGE_FROZEN');
      await a.applyOk([]);
      await hub.expectInvalid(hub.release(REGION_A, at, w.record, await a.withdrawalProof(w.id, at)), RELAYER, 'ANCHOR_BRIDGE_FROZEN');
      // region B is not affected
      await hub.applyOk([hub.deposit('alice', REGION_B, addr('dave'), ONE)]);
      // the receipt of the frozen record (same lastHeight) is accepted: A freezes too
      const frozen = await hub.freshProof(anchorKeys.region(REGION_A));
      expect(regionRecordCodec.decode(frozen.value).frozen).to.equal(true);
      const applied = await a.applyOk([a.receipt(frozen.value, frozen.hubProof)]);
      expect(applied.results.txs[0]!.events.map((e) => e.name)).to.include('frozen');
      expect(await frozenAt(a.state)).to.equal(hub.height());
      await a.expectInvalid(a.withdraw('bob', addr('alice'), ONE), 'bob', 'ANCHOR_BRIDGE_FROZEN');
      await a.expectInvalid(a.claim(record, claimProof), RELAYER, 'ANCHOR_BRIDGE_FROZEN');
      await a.expectInvalid(a.receipt(frozen.value, frozen.hubProof), RELAYER, 'ANCHOR_STALE_HEIGHT');
    });

    it('a region whose genesis has no "hub" section refuses with BRIDGE_NOT_CONFIGURED', async () => {
      const genesis = { ...makeGenesis(fundsOf(['bob', RELAYER], ONE)), chainId: 'tfr-lonely-1' };
      const chain = await openTestChain({ genesis, extraModules: [createRegionBridgeModule()] });
      const lonely = new BridgeChain(chain, VALIDATOR.publicKey, (blk) => commitFor(blk));
      await lonely.expectInvalid(lonely.tx('bob', 'withdraw', [addr('alice'), new Uint8Array([1])]), 'bob', 'BRIDGE_NOT_CONFIGURED');
    });
  });
});
