/**
 * The bridge end to end in memory: a deposit on the Hub claimed on a region, a withdrawal on the
 * region released on the Hub once anchored, and the Hub's receipt recorded by the region. Balances,
 * escrow, records and events on both sides.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { claimRecordCodec, transferId, transferRecordCodec } from '../../chain/anchor/bridge-records.ts';
import { escrowAddress, frozenAt, getReceipt, readHubConfig } from '../../chain/anchor/bridge-state.ts';
import { ONE } from '../fixtures/test-chain.ts';
import { addr, BridgeWorld, fundsOf, HUB_ID, REGION_A, REGION_B } from '../fixtures/bridge-chains.ts';

describe('bridge: deposit, claim, withdraw, release, receipt', function () {
  this.timeout(60_000);

  it('moves TFT Hub -> region -> Hub with one record and one claim per transfer', async () => {
    const world = await BridgeWorld.open({ hubFunds: fundsOf(['alice'], ONE.muln(1000)), regionFunds: { [REGION_A]: fundsOf(['bob'], new BN(0)) } });
    const { hub } = world;
    const a = world.region(REGION_A);
    expect((await readHubConfig(a.state))?.chainId).to.equal(HUB_ID);

    // Hub: alice locks 100 TFT for bob on region A
    const dep = await hub.applyOk([hub.deposit('alice', REGION_A, addr('bob'), ONE.muln(100))]);
    const id = transferId(HUB_ID, REGION_A, 0);
    const ev = dep.results.txs[0]!.events.find((e) => e.module === 'bridge')!;
    expect(ev.name).to.equal('deposit');
    expect(ev.data['id']).to.equal(toHex(id));
    expect((await hub.tft('alice')).toString()).to.equal(ONE.muln(900).toString());
    expect((await hub.tft(escrowAddress(REGION_A))).toString()).to.equal(ONE.muln(100).toString());
    const record = await hub.transferBytes(id);
    const decoded = transferRecordCodec.decode(record);
    expect([decoded.source, decoded.destination, decoded.height, decoded.amount.toString()]).to.deep.equal([HUB_ID, REGION_A, hub.height(), ONE.muln(100).toString()]);

    // region A: the relayer proves it against the next Hub header and bob gets 100 TFT
    await hub.applyOk([]);
    const claimed = await a.applyOk([a.claim(record, await hub.hubProof(bridgeKeys.transfer(id)))]);
    expect(claimed.results.txs[0]!.events.some((e) => e.module === 'bridge' && e.name === 'claim')).to.equal(true);
    expect((await a.tft('bob')).toString()).to.equal(ONE.muln(100).toString());
    const claim = claimRecordCodec.decode((await a.state.get(bridgeKeys.claim(id)))!);
    expect(toHex(claim.recipient)).to.equal(toHex(addr('bob')));

    // region A: bob burns 40 TFT for alice on the Hub
    await a.applyOk([a.withdraw('bob', addr('alice'), ONE.muln(40))]);
    const wid = transferId(REGION_A, HUB_ID, 0);
    const withdrawal = transferRecordCodec.decode(await a.transferBytes(wid));
    expect((await a.tft('bob')).toString()).to.equal(ONE.muln(60).toString());

    // anchored above the withdrawal's block, the Hub releases it from A's escrow
    await a.applyOk([]);
    const anchored = await world.anchor(REGION_A);
    expect(anchored).to.be.above(withdrawal.height);
    await hub.applyOk([hub.release(REGION_A, anchored, await a.transferBytes(wid), await a.withdrawalProof(wid, anchored))]);
    expect((await hub.tft('alice')).toString()).to.equal(ONE.muln(940).toString());
    expect((await hub.tft(escrowAddress(REGION_A))).toString()).to.equal(ONE.muln(60).toString());
    expect((await hub.tft(escrowAddress(REGION_B))).toString()).to.equal('0');

    // the receipt: region A learns its anchored height from the Hub's region record
    await world.relayReceipt(REGION_A);
    const receipt = (await getReceipt(a.state))!;
    expect(receipt.height).to.equal(anchored);
    expect(receipt.provenAtHubHeight).to.equal(hub.height());
    expect(toHex(receipt.blockHash)).to.equal(toHex(a.certificate(anchored).blockHash));
    expect(await frozenAt(a.state)).to.equal(undefined);
    expect(await hub.state.get(anchorKeys.region(REGION_A))).to.not.equal(undefined);
  });
});
