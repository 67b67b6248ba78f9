/**
 * The testnet's stand-in for the nodes' own reporting: real nodes (Zero-OS on ThreeFold) report
 * their uptime themselves; on a test network nobody runs them, so `tfr testnet` reports for every
 * registered node whose key derives from the testnet seed ("node/N"), every few seconds, signed
 * by the node key as a real node would. Uptime counts from the agent's start, so a restart looks
 * like a reboot. Reports that the mempool refuses are dropped (the next one catches up).
 */
import type { StateReader } from '../../chain/execution/state-access.ts';
import { deriveEd25519Key, type Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { getAccount } from '../../chain/ledger/ledger-state.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { readNode } from '../../dao/farming/farming-queries.ts';
import { encodeReportUptime, FARMING_COMMANDS } from '../../dao/farming/farming-params.ts';
import { FARMING_MODULE } from '../../dao/farming/farming-types.ts';
import { buildTx } from '../client/build-tx.ts';

export interface UptimeAgentDeps {
  readonly genesis: Genesis;
  readonly seed: string;
  /** Committed state plus pending txs (for the next nonce). */
  pendingState(): StateReader;
  /** Height of the last committed block (sets the reports' expiry). */
  height(): number;
  submitTx(bytes: Uint8Array): Promise<unknown>;
  readonly intervalMs?: number;
  /** At most this many "node/N" keys are tried (default 1,000). */
  readonly maxTestNodes?: number;
}

export interface UptimeAgent {
  /** Node ids it reports for. */
  readonly nodeIds: readonly number[];
  stop(): void;
}

interface Managed {
  readonly nodeId: number;
  readonly key: Ed25519KeyPair;
  readonly address: Uint8Array;
}

async function managedNodes(deps: UptimeAgentDeps): Promise<Managed[]> {
  const state = deps.pendingState();
  const registered: Array<{ id: number; key: string }> = [];
  for (let id = 1; ; id++) {
    const node = await readNode(state, id);
    if (node === undefined) break;
    registered.push({ id, key: toHex(node.nodeKey) });
  }
  // Test nodes are "node/1" .. "node/N" in registration order; try as many keys as there are nodes.
  const byKey = new Map<string, Ed25519KeyPair>();
  for (let i = 1; i <= Math.min(registered.length, deps.maxTestNodes ?? 1000); i++) {
    const k = deriveEd25519Key(deps.seed, `node/${i}`);
    byKey.set(toHex(k.publicKey), k);
  }
  const out: Managed[] = [];
  for (const r of registered) {
    const key = byKey.get(r.key);
    if (key !== undefined) out.push({ nodeId: r.id, key, address: addressBytesFromPublicKey(key.publicKey) });
  }
  return out;
}

export async function startUptimeAgent(deps: UptimeAgentDeps): Promise<UptimeAgent> {
  const nodes = await managedNodes(deps);
  const started = Date.now();
  const fee = deps.genesis.ledger.minFee;
  let stopped = false;
  let busy = false;
  const report = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const uptimeSeconds = Math.floor((Date.now() - started) / 1000);
      for (const n of nodes) {
        const nonce = (await getAccount(deps.pendingState(), n.address)).nonce;
        const tx = buildTx({
          chainId: deps.genesis.chainId,
          secretKey: n.key.secret,
          nonce,
          fee,
          expiry: deps.height() + 30,
          module: FARMING_MODULE,
          command: FARMING_COMMANDS.reportUptime,
          params: encodeReportUptime({ nodeId: n.nodeId, uptimeSeconds, nuBytes: 0 }),
        });
        await deps.submitTx(tx.bytes).catch(() => undefined);
      }
    } finally {
      busy = false;
    }
  };
  const timer = nodes.length === 0 ? undefined : setInterval(() => void report(), deps.intervalMs ?? 1000);
  timer?.unref();
  return {
    nodeIds: nodes.map((n) => n.nodeId),
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
