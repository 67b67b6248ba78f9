/**
 * Client txs gossiped in batches, and the validators of one process sharing a mempool: a batch
 * their shared pool admitted costs its in-process receivers nothing, while a node with a pool of
 * its own admits every tx of it.
 */
import { expect } from 'chai';
import { Mempool } from '../../chain/mempool/mempool.ts';
import { ManualClock } from '../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../chain/ports/manual-timers.ts';
import type { Network } from '../../chain/ports/network.ts';
import type { NodeMessage } from '../../chain/node/node-messages.ts';
import { TX_GOSSIP_DELAY_MS, TX_GOSSIP_MAX_BATCH, TxGossip } from '../../chain/node/tx-gossip.ts';
import { addressOf, makeGenesis, ONE, openTestChain, testKey, transferTx, type TestChain } from '../fixtures/test-chain.ts';
import { expectCode } from '../fixtures/expect-code.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const genesis = makeGenesis({ alice: { TFT: ONE.muln(10_000), REGIONAL: ONE.muln(10_000) }, bob: { TFT: ONE, REGIONAL: ONE } });

function poolOf(chain: TestChain): Mempool {
  const tip = chain.store.tip();
  return new Mempool(
    { chainId: chain.ctx.chainId, registry: chain.ctx.registry, verifier: chain.ctx.verifier, maxTxBytes: 65536, maxTxs: 5000, maxBytes: 1 << 24 },
    { state: chain.store.state, nextHeight: tip.height + 1, time: tip.time },
  );
}

function recordingNetwork(): Network<NodeMessage> & { sent: NodeMessage[] } {
  const sent: NodeMessage[] = [];
  return { sent, send: (_to, m) => sent.push(m), broadcast: (m) => sent.push(m), onMessage: () => undefined };
}

describe('tx gossip', () => {
  it('sends the txs admitted within TX_GOSSIP_DELAY_MS as one batch, in order; refused txs are not sent', async () => {
    const chain = await openTestChain({ genesis });
    const timers = new ManualTimers(new ManualClock(0));
    const net = recordingNetwork();
    const gossip = new TxGossip(poolOf(chain), net, timers);
    const txs = [0, 1, 2].map((nonce) => transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    for (const tx of txs) await gossip.submit(tx);
    await expectCode(gossip.submit(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 7 })), 'LEDGER_NONCE_TOO_HIGH');
    expect(net.sent).to.have.length(0);
    timers.advance(TX_GOSSIP_DELAY_MS);
    expect(net.sent).to.have.length(1);
    const batch = net.sent[0]!;
    expect(batch.kind === 'txs' && batch.txs).to.deep.equal(txs);
    expect(Object.isFrozen(batch)).to.equal(true);
    timers.advance(TX_GOSSIP_DELAY_MS * 10);
    expect(net.sent).to.have.length(1);
  });

  it('sends a full batch at once', async () => {
    const chain = await openTestChain({ genesis });
    const timers = new ManualTimers(new ManualClock(0));
    const net = recordingNetwork();
    const gossip = new TxGossip(poolOf(chain), net, timers);
    for (let nonce = 0; nonce < TX_GOSSIP_MAX_BATCH; nonce++) await gossip.submit(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    expect(net.sent).to.have.length(1);
    expect(net.sent[0]!.kind === 'txs' && net.sent[0]!.txs.length).to.equal(TX_GOSSIP_MAX_BATCH);
  });

  it('a receiver sharing the sender\'s pool skips the batch; one with its own pool admits it', async () => {
    const chain = await openTestChain({ genesis });
    const timers = new ManualTimers(new ManualClock(0));
    const net = recordingNetwork();
    const shared = poolOf(chain);
    const sender = new TxGossip(shared, net, timers);
    const txs = [0, 1].map((nonce) => transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    for (const tx of txs) await sender.submit(tx);
    timers.advance(TX_GOSSIP_DELAY_MS);
    const batch = net.sent[0]!;
    if (batch.kind !== 'txs') throw new Error('not a batch');

    // Same pool: admitting again would have answered MEMPOOL_DUPLICATE, after hashing each tx.
    let adds = 0;
    const add = shared.add.bind(shared);
    shared.add = (bytes) => {
      adds++;
      return add(bytes);
    };
    await new TxGossip(shared, recordingNetwork(), timers).receive(batch);
    expect(adds).to.equal(0);

    const own = poolOf(chain);
    await new TxGossip(own, recordingNetwork(), timers).receive(batch);
    expect(own.size).to.equal(2);
    // The same txs in a batch not built by this process (a copy): admitted (here: known, dropped).
    await new TxGossip(shared, recordingNetwork(), timers).receive({ kind: 'txs', txs: [...batch.txs] });
    expect(adds).to.equal(2);
    expect(shared.size).to.equal(2);
  });
});
