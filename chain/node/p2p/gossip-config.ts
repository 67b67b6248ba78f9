/**
 * Gossipsub settings for a region. Messages are signed by their validators (votes, proposals) or
 * clients (txs), so gossipsub's own envelope signature is off (StrictNoSign, as Lodestar runs it)
 * and a message's id is the hash of its bytes: a vote re-published by two nodes is one message.
 *
 * Scoring: the only penalties are for invalid messages (P4, squared, weight -20: two rejected
 * messages take a peer to -80) and the node's own penalties (garbage on the direct and sync
 * protocols, through the app-specific score). Mesh-delivery penalties are off: a validator that
 * is quiet between heights is not misbehaving. IP colocation is off: a testnet puts every node
 * on 127.0.0.1, and founders may run several validators behind one address.
 */
import { createHash } from 'node:crypto';
import { createTopicScoreParams } from '@libp2p/gossipsub/score';
import type { TopicScoreParams } from '@libp2p/gossipsub/score';

/** A peer at or below this gossipsub score is disconnected and banned for BAN_MS. */
export const DISCONNECT_SCORE = -50;
export const BAN_MS = 60_000;

export const SCORE_THRESHOLDS = {
  gossipThreshold: -40,
  publishThreshold: -60,
  graylistThreshold: -100,
  acceptPXThreshold: 100,
  opportunisticGraftThreshold: 5,
};

export function topicScore(): TopicScoreParams {
  return createTopicScoreParams({
    topicWeight: 1,
    timeInMeshWeight: 0,
    firstMessageDeliveriesWeight: 0,
    meshMessageDeliveriesWeight: 0,
    meshFailurePenaltyWeight: 0,
    invalidMessageDeliveriesWeight: -20,
    // Per decay interval (1 s): an honest peer that once relayed something invalid recovers in ~30 s.
    invalidMessageDeliveriesDecay: 0.9,
  });
}

export function messageId(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest();
}
