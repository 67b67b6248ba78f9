/**
 * Conservation of TFT across the Hub and two regions: 1,000+ random deposits and withdrawals, with
 * their claims and releases in random order, receipts, anchoring through the Hub's real
 * `anchor.submit`, and invalid attempts in between (replays, wrong region, not yet anchored, above
 * a balance or an escrow, tampered records), each refused with its code and no state change.
 *
 * After every round, read from the chains' state (the test only enumerates transfer ids from events):
 *   total = TFT on the Hub outside the escrows + TFT on each region + in flight
 *           (deposited not yet claimed + withdrawn not yet released)      is exactly the genesis total;
 *   per region r:  escrow_r   = deposited_r - released_r
 *                  TFT on r   = genesis_r + claimed_r - withdrawn_r
 *                  escrow_r   = TFT on r - genesis_r + in flight_r     (B has no genesis TFT: fully backed)
 *   and the Hub's TFT (escrows included) never changes: fees are paid in the regional token.
 * Region A's genesis gives a0 3,000 TFT that no deposit backs: the Hub pays A's withdrawals only out of
 * A's escrow, so such TFT can leave A only while the escrow covers it; a release above it is refused.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { transferRecordCodec } from '../../chain/anchor/bridge-records.ts';
import { escrowAddress, getReceipt } from '../../chain/anchor/bridge-state.ts';
import type { AppliedBlock } from '../../chain/execution/apply-block.ts';
import { ONE } from '../fixtures/test-chain.ts';
import { addr, BridgeWorld, fundsOf, REGION_A, REGION_B, RELAYER, REGISTRAR, type RegionChain } from '../fixtures/bridge-chains.ts';

const ROUNDS_TARGET = 1_000; // deposits + withdrawals
const HUB_USERS = ['h0', 'h1', 'h2', 'h3', 'h4'];
const REGION_USERS: Record<string, string[]> = { [REGION_A]: ['a0', 'a1', 'a2'], [REGION_B]: ['b0', 'b1', 'b2'] };
const REGIONS = [REGION_A, REGION_B];
const HUB_FUNDS = ONE.muln(10_000);
const A_GENESIS = ONE.muln(3_000);

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Transfer {
  readonly id: Uint8Array;
  readonly record: Uint8Array;
  readonly region: string;
  readonly amount: BN;
  /** Source chain height of the block that recorded it. */
  readonly height: number;
}

function idsOf(applied: AppliedBlock, name: string): Uint8Array[] {
  return applied.results.txs.flatMap((t) => t.events.filter((e) => e.module === 'bridge' && e.name === name).map((e) => new Uint8Array(Buffer.from(String(e.data['id']), 'hex'))));
}

const sum = (xs: readonly BN[]): BN => xs.reduce((s, x) => s.add(x), new BN(0));

describe('bridge conservation: 1,000 random transfers across the Hub and two regions', function () {
  this.timeout(120_000);

  it('keeps total TFT exactly constant, escrows exactly backing each region, every transfer paid at most once', async () => {
    const started = Date.now();
    const random = rng(0xb41d6e);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const shuffle = <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };
    /** 1 base unit to `max`, with random low digits. */
    const amountUpTo = (max: BN): BN => {
      const cap = BN.min(max, ONE.muln(300));
      if (cap.lten(1)) return cap;
      return new BN(Math.floor(random() * 2 ** 52)).mod(cap).addn(1);
    };

    const world = await BridgeWorld.open({
      hubFunds: fundsOf(HUB_USERS, HUB_FUNDS),
      regionFunds: { [REGION_A]: { ...fundsOf(REGION_USERS[REGION_A]!, new BN(0)), a0: { TFT: A_GENESIS, REGIONAL: ONE.muln(1_000_000) } }, [REGION_B]: fundsOf(REGION_USERS[REGION_B]!, new BN(0)) },
    });
    const { hub } = world;
    const hubAccounts = [...HUB_USERS, RELAYER, REGISTRAR].map(addr);
    const escrows = REGIONS.map(escrowAddress);
    const regionAccounts = (r: string) => [...REGION_USERS[r]!, RELAYER].map(addr);
    const genesisOf: Record<string, BN> = { [REGION_A]: A_GENESIS, [REGION_B]: new BN(0) };
    const genesisTotal = HUB_FUNDS.muln(HUB_USERS.length).add(A_GENESIS);

    const deposits: Transfer[] = [];
    const withdrawals: Transfer[] = [];
    const claimed = new Set<string>();
    const released = new Set<string>();
    const anchored: Record<string, number> = { [REGION_A]: 0, [REGION_B]: 0 };
    const counts = { deposits: 0, withdrawals: 0, claims: 0, releases: 0, invalid: 0, anchors: 0, receipts: 0, stuck: 0 };
    const invalidCodes = new Map<string, number>();

    async function expectRefused(chain: typeof hub | RegionChain, tx: Uint8Array, sender: string, code: string): Promise<void> {
      await chain.expectInvalid(tx, sender, code);
      counts.invalid++;
      invalidCodes.set(code, (invalidCodes.get(code) ?? 0) + 1);
    }

    /** Every invariant, from state; transfers paid are checked against the chains' claim records. */
    async function checkInvariants(): Promise<void> {
      const hubOutside = await hub.tftOf(hubAccounts);
      const escrowTotal = await hub.tftOf(escrows);
      expect(hubOutside.add(escrowTotal).toString(), 'Hub TFT').to.equal(HUB_FUNDS.muln(HUB_USERS.length).toString());
      let regionsTotal = new BN(0);
      let inFlightTotal = new BN(0);
      for (const r of REGIONS) {
        const region = world.region(r);
        const onRegion = await region.tftOf(regionAccounts(r));
        const deps = deposits.filter((d) => d.region === r);
        const wds = withdrawals.filter((w) => w.region === r);
        const claimedOnChain: BN[] = [];
        const pendingDeposits: BN[] = [];
        for (const d of deps) ((await region.state.get(bridgeKeys.claim(d.id))) === undefined ? pendingDeposits : claimedOnChain).push(d.amount);
        const releasedOnChain: BN[] = [];
        const pendingWithdrawals: BN[] = [];
        for (const w of wds) ((await hub.state.get(bridgeKeys.claim(w.id))) === undefined ? pendingWithdrawals : releasedOnChain).push(w.amount);
        const inFlight = sum(pendingDeposits).add(sum(pendingWithdrawals));
        const escrow = await hub.tft(escrowAddress(r));
        expect(escrow.toString(), `escrow of ${r}`).to.equal(sum(deps.map((d) => d.amount)).sub(sum(releasedOnChain)).toString());
        expect(onRegion.toString(), `TFT on ${r}`).to.equal(genesisOf[r]!.add(sum(claimedOnChain)).sub(sum(wds.map((w) => w.amount))).toString());
        expect(escrow.toString(), `escrow of ${r} backs it`).to.equal(onRegion.sub(genesisOf[r]!).add(inFlight).toString());
        // the model agrees with the chains about what was paid
        expect(claimedOnChain.length, `claims on ${r}`).to.equal(deps.filter((d) => claimed.has(toHex(d.id))).length);
        expect(releasedOnChain.length, `releases of ${r}`).to.equal(wds.filter((w) => released.has(toHex(w.id))).length);
        regionsTotal = regionsTotal.add(onRegion);
        inFlightTotal = inFlightTotal.add(inFlight);
      }
      expect(hubOutside.add(regionsTotal).add(inFlightTotal).toString(), 'total TFT').to.equal(genesisTotal.toString());
    }

    /**
     * Claims of pending deposits provable at the Hub tip (recorded below it), at most `max`, chosen at
     * random; each as a function that signs it, so a block's txs can be shuffled before nonces are given.
     */
    async function claimTxs(region: RegionChain, max: number): Promise<Array<() => Uint8Array>> {
      const tip = hub.height();
      const ready = shuffle(deposits.filter((d) => d.region === region.chainId && !claimed.has(toHex(d.id)) && d.height < tip)).slice(0, max);
      const txs: Array<() => Uint8Array> = [];
      for (const d of ready) {
        const proof = await hub.hubProof(bridgeKeys.transfer(d.id));
        txs.push(() => region.claim(d.record, proof));
        claimed.add(toHex(d.id));
      }
      counts.claims += txs.length;
      return txs;
    }

    /** Releases of pending withdrawals below the region's anchored height that its escrow covers; others are tried alone and refused. */
    async function releaseTxs(max: number): Promise<Array<() => Uint8Array>> {
      const txs: Array<() => Uint8Array> = [];
      for (const r of REGIONS) {
        const held = await hub.tft(escrowAddress(r));
        let left = held;
        const at = anchored[r]!;
        const region = world.region(r);
        const ready = shuffle(withdrawals.filter((w) => w.region === r && !released.has(toHex(w.id)) && w.height < at)).slice(0, max);
        for (const w of ready) {
          const proof = await region.withdrawalProof(w.id, at);
          if (w.amount.gt(held)) {
            // more than the escrow holds: refused, stays in flight until deposits refill the escrow
            await expectRefused(hub, hub.release(r, at, w.record, proof), RELAYER, 'LEDGER_INSUFFICIENT_BALANCE');
            counts.stuck++;
            continue;
          }
          if (w.amount.gt(left)) continue; // the releases already in this block leave too little: a later block
          left = left.sub(w.amount);
          txs.push(() => hub.release(r, at, w.record, proof));
          released.add(toHex(w.id));
        }
      }
      counts.releases += txs.length;
      return txs;
    }

    /** One of the invalid attempts, at random, against the current state. */
    async function invalidAttempt(): Promise<void> {
      const r = pick(REGIONS);
      const region = world.region(r);
      const other = world.region(r === REGION_A ? REGION_B : REGION_A);
      const kind = Math.floor(random() * 7);
      const doneDeposit = deposits.filter((d) => claimed.has(toHex(d.id)) && d.region === r && d.height < hub.height());
      const openDeposit = deposits.filter((d) => !claimed.has(toHex(d.id)) && d.region === r && d.height < hub.height());
      const doneWithdrawal = withdrawals.filter((w) => released.has(toHex(w.id)) && w.region === r);
      const openWithdrawal = withdrawals.filter((w) => !released.has(toHex(w.id)) && w.region === r);
      if (kind === 0 && doneDeposit.length > 0) {
        const d = pick(doneDeposit);
        await expectRefused(region, region.claim(d.record, await hub.hubProof(bridgeKeys.transfer(d.id))), RELAYER, 'BRIDGE_ALREADY_CLAIMED');
      } else if (kind === 1 && openDeposit.length > 0) {
        const d = pick(openDeposit);
        await expectRefused(other, other.claim(d.record, await hub.hubProof(bridgeKeys.transfer(d.id))), RELAYER, 'BRIDGE_WRONG_CHAIN');
      } else if (kind === 2 && openDeposit.length > 0) {
        const d = pick(openDeposit);
        const inflated = transferRecordCodec.encode({ ...transferRecordCodec.decode(d.record), amount: d.amount.addn(1) });
        await expectRefused(region, region.claim(inflated, await hub.hubProof(bridgeKeys.transfer(d.id))), RELAYER, 'BRIDGE_BAD_PROOF');
      } else if (kind === 3 && doneWithdrawal.length > 0 && anchored[r]! > 0) {
        const w = pick(doneWithdrawal);
        await expectRefused(hub, hub.release(r, anchored[r]!, w.record, await region.withdrawalProof(w.id, anchored[r]!)), RELAYER, 'BRIDGE_ALREADY_CLAIMED');
      } else if (kind === 4 && openWithdrawal.length > 0) {
        // proven against the region's tip: a height the Hub has not anchored
        const w = pick(openWithdrawal);
        await region.applyOk([]);
        const tip = region.height();
        await expectRefused(hub, hub.release(r, tip, w.record, await region.withdrawalProof(w.id, tip)), RELAYER, 'BRIDGE_NOT_ANCHORED');
      } else if (kind === 5) {
        const name = pick(HUB_USERS);
        const balance = await hub.tft(name);
        await expectRefused(hub, hub.deposit(name, r, addr(pick(REGION_USERS[r]!)), balance.addn(1)), name, 'LEDGER_INSUFFICIENT_BALANCE');
      } else if (kind === 6) {
        const name = pick(REGION_USERS[r]!);
        const balance = await region.tft(name);
        await expectRefused(region, region.withdraw(name, addr(pick(HUB_USERS)), balance.addn(1)), name, 'LEDGER_INSUFFICIENT_BALANCE');
      }
    }

    let round = 0;
    while (counts.deposits + counts.withdrawals < ROUNDS_TARGET) {
      round++;
      // ---- Hub block: deposits (one per user at most, within its balance), releases, anchors
      const hubTxs: Array<() => Uint8Array> = [];
      for (const name of shuffle(HUB_USERS).slice(0, 1 + Math.floor(random() * 4))) {
        const balance = await hub.tft(name);
        if (balance.isZero()) continue;
        const r = pick(REGIONS);
        const to = addr(pick(REGION_USERS[r]!));
        const amount = amountUpTo(balance);
        hubTxs.push(() => hub.deposit(name, r, to, amount));
      }
      hubTxs.push(...(await releaseTxs(1 + Math.floor(random() * 3))));
      const anchoring: string[] = [];
      for (const r of REGIONS) {
        const region = world.region(r);
        if (region.height() > anchored[r]! && random() < 0.35) {
          const aggregate = region.aggregate(region.height());
          hubTxs.push(() => hub.submit(aggregate));
          anchoring.push(r);
        }
      }
      // any order is valid: releases are proven against earlier anchors and stay within the escrow from before the block
      const hubApplied = await hub.applyOk(shuffle(hubTxs).map((sign) => sign()));
      for (const id of idsOf(hubApplied, 'deposit')) {
        const record = await hub.transferBytes(id);
        const t = transferRecordCodec.decode(record);
        deposits.push({ id, record, region: t.destination, amount: t.amount, height: t.height });
        counts.deposits++;
      }
      for (const r of anchoring) {
        anchored[r] = world.region(r).height();
        counts.anchors++;
      }

      // ---- each region's block: claims of earlier deposits (random order), withdrawals
      for (const r of REGIONS) {
        const region = world.region(r);
        const txs = await claimTxs(region, 1 + Math.floor(random() * 4));
        for (const name of shuffle(REGION_USERS[r]!).slice(0, Math.floor(random() * 3))) {
          const balance = await region.tft(name);
          if (balance.isZero()) continue;
          const to = addr(pick(HUB_USERS));
          const amount = amountUpTo(balance);
          txs.push(() => region.withdraw(name, to, amount));
        }
        // any order is valid: a withdrawal spends at most the balance from before the block, claims only add
        const applied = await region.applyOk(shuffle(txs).map((sign) => sign()));
        for (const id of idsOf(applied, 'withdraw')) {
          const record = await region.transferBytes(id);
          const t = transferRecordCodec.decode(record);
          withdrawals.push({ id, record, region: r, amount: t.amount, height: t.height });
          counts.withdrawals++;
        }
      }

      if (random() < 0.3) await invalidAttempt();
      if (random() < 0.05) {
        const r = pick(REGIONS);
        const receipt = await getReceipt(world.region(r).state);
        if (anchored[r]! > (receipt?.height ?? 0)) {
          await world.relayReceipt(r);
          expect((await getReceipt(world.region(r).state))!.height).to.equal(anchored[r]);
          counts.receipts++;
        }
      }
      await checkInvariants();
    }

    // ---- drain: claim every deposit, then every region holder withdraws all it has, then release what the escrows allow
    while (deposits.some((d) => !claimed.has(toHex(d.id)))) {
      await hub.applyOk([]);
      for (const r of REGIONS) await world.region(r).applyOk((await claimTxs(world.region(r), 100)).map((sign) => sign()));
    }
    for (const r of REGIONS) {
      const region = world.region(r);
      const exits: Uint8Array[] = [];
      for (const name of REGION_USERS[r]!) {
        const balance = await region.tft(name);
        if (!balance.isZero()) exits.push(region.withdraw(name, addr(pick(HUB_USERS)), balance));
      }
      for (const id of idsOf(await region.applyOk(exits), 'withdraw')) {
        const record = await region.transferBytes(id);
        const t = transferRecordCodec.decode(record);
        withdrawals.push({ id, record, region: r, amount: t.amount, height: t.height });
        counts.withdrawals++;
      }
      await region.applyOk([]);
      expect((await region.tftOf(regionAccounts(r))).toString(), `${r} emptied`).to.equal('0');
    }
    await hub.applyOk(REGIONS.map((r) => hub.submit(world.region(r).aggregate(world.region(r).height()))));
    for (const r of REGIONS) anchored[r] = world.region(r).height();
    counts.anchors += REGIONS.length;
    for (;;) {
      const txs = await releaseTxs(1_000);
      if (txs.length === 0) break;
      await hub.applyOk(txs.map((sign) => sign()));
    }
    await checkInvariants();
    // B was fully backed: every TFT is back on the Hub. A cannot get back exactly the TFT its genesis
    // created: each withdrawal left in flight is above what A's escrow still holds.
    expect(withdrawals.filter((w) => w.region === REGION_B).every((w) => released.has(toHex(w.id)))).to.equal(true);
    expect((await hub.tft(escrowAddress(REGION_B))).toString()).to.equal('0');
    const escrowA = await hub.tft(escrowAddress(REGION_A));
    const stuck = withdrawals.filter((w) => !released.has(toHex(w.id)));
    for (const w of stuck) expect(w.amount.gt(escrowA), 'only what the escrow cannot pay stays in flight').to.equal(true);
    expect(sum(stuck.map((w) => w.amount)).toString(), 'in flight = escrow + unbacked genesis TFT').to.equal(escrowA.add(A_GENESIS).toString());
    expect(stuck.length).to.be.above(0);

    expect(counts.deposits + counts.withdrawals).to.be.at.least(1_000);
    expect(counts.claims).to.equal(deposits.length);
    expect(counts.stuck).to.be.above(0);
    expect(counts.invalid).to.be.above(20);
    expect(invalidCodes.size).to.be.at.least(5);
    console.log(`      ${round} rounds: ${JSON.stringify(counts)}; refused ${JSON.stringify(Object.fromEntries(invalidCodes))}; ${Date.now() - started} ms`);
  });
});
