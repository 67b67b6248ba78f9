/**
 * `farming/add-node` (by the farm's owner, with the node key's consent signature) and
 * `farming/update-node` (by the node key). A node's weight changes are checkpointed for the DAO;
 * a certified node whose CU or SU moves by more than 1% loses its certification (back to diy).
 * State-dependent failures are ChainErrors from `execute`: failed txs.
 */
import { bytesEqual, toHex } from '../../chain/codec/bytes.ts';
import { verifyEd25519 } from '../../chain/crypto/ed25519-verify.ts';
import { ChainError } from '../../chain/errors.ts';
import type { Command } from '../../chain/execution/module.ts';
import type { StateWriter } from '../../chain/execution/state-access.ts';
import { capacityUnits, voteWeightMilli } from './capacity-units.ts';
import { requireOwner } from './farm-commands.ts';
import {
  decodeAddNode,
  decodeUpdateNode,
  encodeAddNode,
  encodeUpdateNode,
  FARMING_COMMANDS,
  nodeRegistrationBytes,
  type AddNodeParams,
  type UpdateNodeParams,
} from './farming-params.ts';
import { getCounters, getOpenPeriod, nodeIdByKey, putCounters, putFarm, putNode, putNodeKey, requireFarm, requireNode } from './farming-state.ts';
import type { CapacityUnits, FarmNode } from './farming-types.ts';
import { recordFarmWeight } from './weight-history.ts';

/** The node, if the tx is signed by its node key; else DAO_NOT_NODE_KEY. */
export function requireNodeKey(node: FarmNode, sender: Uint8Array): FarmNode {
  if (!bytesEqual(node.nodeKey, sender)) throw new ChainError('DAO_NOT_NODE_KEY', `the tx is not signed by the node key of node ${node.id}`, { nodeId: node.id });
  return node;
}

/** More than 1% up or down (any change from 0 counts). */
function movedOverOnePercent(before: number, after: number): boolean {
  return Math.abs(after - before) * 100 > before;
}

export function capacityMoved(before: CapacityUnits, after: CapacityUnits): boolean {
  return movedOverOnePercent(before.cuMilli, after.cuMilli) || movedOverOnePercent(before.suMilli, after.suMilli);
}

async function changeFarmWeight(state: StateWriter, farmId: number, delta: number, height: number, addNodeId?: number): Promise<void> {
  const farm = await requireFarm(state, farmId);
  const weightMilli = farm.weightMilli + delta;
  putFarm(state, { ...farm, weightMilli, nodeIds: addNodeId === undefined ? farm.nodeIds : [...farm.nodeIds, addNodeId] });
  await recordFarmWeight(state, farmId, farm.weightMilli, weightMilli, height);
}

export function addNodeCommand(): Command<AddNodeParams> {
  return {
    name: FARMING_COMMANDS.addNode,
    decodeParams: decodeAddNode,
    encodeParams: encodeAddNode,
    async execute(ctx, p) {
      const { state, block } = ctx;
      const farm = requireOwner(await requireFarm(state, p.farmId), ctx.tx.senderAddress);
      if (!verifyEd25519(p.nodeKey, nodeRegistrationBytes(block.chainId, farm.id, farm.owner), p.nodeSignature)) {
        throw new ChainError('DAO_BAD_NODE_SIGNATURE', 'the node key did not sign this registration (chain id, farm id, owner)', { farmId: farm.id });
      }
      if ((await nodeIdByKey(state, p.nodeKey)) !== undefined) throw new ChainError('DAO_NODE_KEY_TAKEN', 'a node with this node key is registered', { nodeKey: toHex(p.nodeKey) });
      const counters = await getCounters(state);
      const id = counters.nextNodeId;
      const units = capacityUnits(p.resources);
      const period = (await getOpenPeriod(state))?.period ?? 0;
      // The registration counts as a report of uptime 0 now: time before it is never credited.
      const uptime = { lastReportTime: block.time, lastUptime: 0, period, creditedSeconds: 0, nuBytes: 0 };
      putNode(state, { id, farmId: farm.id, nodeKey: p.nodeKey, resources: p.resources, publicIps: p.publicIps, certification: 'diy', units, uptime });
      putNodeKey(state, p.nodeKey, id);
      putCounters(state, { ...counters, nextNodeId: id + 1 });
      await changeFarmWeight(state, farm.id, voteWeightMilli(units), block.height, id);
      ctx.emit('node-added', { nodeId: id, farmId: farm.id, nodeKey: toHex(p.nodeKey), cuMilli: units.cuMilli, suMilli: units.suMilli, publicIps: p.publicIps });
    },
  };
}

export function updateNodeCommand(): Command<UpdateNodeParams> {
  return {
    name: FARMING_COMMANDS.updateNode,
    decodeParams: decodeUpdateNode,
    encodeParams: encodeUpdateNode,
    async execute(ctx, p) {
      const { state, block } = ctx;
      const node = requireNodeKey(await requireNode(state, p.nodeId), ctx.tx.sender);
      const units = capacityUnits(p.resources);
      const decertified = node.certification === 'certified' && capacityMoved(node.units, units);
      putNode(state, { ...node, resources: p.resources, publicIps: p.publicIps, units, certification: decertified ? 'diy' : node.certification });
      const delta = voteWeightMilli(units) - voteWeightMilli(node.units);
      if (delta !== 0) await changeFarmWeight(state, node.farmId, delta, block.height);
      ctx.emit('node-updated', { nodeId: node.id, cuMilli: units.cuMilli, suMilli: units.suMilli, publicIps: p.publicIps });
      if (decertified) ctx.emit('node-decertified', { nodeId: node.id, certification: 'diy' });
    },
  };
}
