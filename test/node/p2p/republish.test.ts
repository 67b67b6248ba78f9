/**
 * A message published again reaches the peers that missed it. The driver re-sends its votes and
 * proposals byte for byte when its step has not moved (ed25519 signatures are deterministic), and
 * gossipsub publishes given bytes only once: the second publish is a duplicate it drops. A vote
 * published before any peer was connected (a validator started before the others) was therefore
 * lost for good, and 4 validators started a few seconds apart could all sit at height 0.
 */
import { expect } from 'chai';
import type { NodeMessage } from '../../../chain/node/node-messages.ts';
import { P2pHost } from '../../../chain/node/p2p/p2p-host.ts';
import { libp2pKeyOf, peerIdOfPublicKey } from '../../../chain/node/p2p/peer-key.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { gossipContext, p2pGenesis, p2pValidatorSecret, signVote, waitFor } from '../../fixtures/p2p-net.ts';

const genesis = p2pGenesis();

function startHost(i: number, peers: readonly string[]): Promise<P2pHost> {
  return P2pHost.start({
    chainId: genesis.chainId,
    privateKey: libp2pKeyOf(p2pValidatorSecret(i)),
    listen: ['127.0.0.1:0'],
    peers,
    validatorPeers: new Map(genesis.validators.map((v) => [peerIdOfPublicKey(v.publicKey), v.name])),
    validation: gossipContext(genesis),
    logger: SILENT_LOGGER,
    tip: () => ({ height: 0, hash: new Uint8Array(32) }),
    serveRange: () => Promise.resolve({ blocks: [], commit: null }),
  });
}

describe('p2p: a message published again reaches peers that missed it', function () {
  this.timeout(20_000);
  const hosts: P2pHost[] = [];
  after(async () => {
    for (const h of hosts) await h.stop();
  });

  it('a vote published before the peer connected arrives when it is published again', async () => {
    const a = await startHost(0, []);
    hosts.push(a);
    const m: NodeMessage = { kind: 'vote', vote: signVote(genesis.chainId, { type: 'prevote', height: 1, round: 0, blockHash: null, validator: 0 }, p2pValidatorSecret(0)) };
    a.publish(m); // nobody to hear it
    const b = await startHost(1, a.addresses);
    hosts.push(b);
    const received: NodeMessage[] = [];
    b.onMessage((x) => received.push(x));
    expect(await waitFor(() => a.connectedPeers() === 1 && b.connectedPeers() === 1, 5000)).to.equal(true);
    // The re-send, as the driver's resender does it (after 2 s, 4, 8, 16...).
    const got = await waitFor(() => {
      a.publish(m);
      return received.length > 0;
    }, 8000, 1000);
    expect(got, 'the vote arrived').to.equal(true);
    expect(received[0]).to.deep.equal(m);
  });
});
