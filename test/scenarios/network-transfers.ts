/**
 * Transfers through the RPC during a network campaign: every 0.5-1.5 s one healthy node (random)
 * gets a transfer of 1 base unit of TFT from test account k (node k's own sender: each sender uses
 * one node, whose pending nonce then accounts for all its txs) to account 4 + k. A node that dies
 * mid-request fails the submission, which is not counted.
 */
import { addressBytesFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import type { Rng } from '../../chain/ports/rng.ts';
import { testAccountKey, testAccountNames } from '../../genesis/test-accounts.ts';
import { transfer, type TfrClient } from '../../rpc/client/index.ts';

export interface TransfersOptions {
  readonly genesisSeed: string;
  readonly rng: Rng;
  /** Node i's current client (a restarted node is a new process). */
  readonly clients: readonly (() => TfrClient)[];
  readonly healthy: (node: number) => boolean;
}

export interface Transfers {
  /** Hashes of the transfers a node accepted. */
  readonly hashes: readonly string[];
  stop(): void;
  /** How many of the accepted transfers `client` reports committed. */
  committed(client: TfrClient): Promise<number>;
}

export function startTransfers(o: TransfersOptions): Transfers {
  const names = testAccountNames(8);
  const keys = names.map((n) => testAccountKey(o.genesisSeed, n));
  const hashes: string[] = [];
  let stopped = false;
  void (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 500 + o.rng.nextInt(1000)));
      const up = o.clients.map((_, i) => i).filter((i) => o.healthy(i));
      if (stopped || up.length === 0) continue;
      const k = up[o.rng.nextInt(up.length)]!;
      try {
        const client = o.clients[k]!();
        const status = await client.status();
        const to = encodeAddress(status.addressPrefix, addressBytesFromPublicKey(keys[4 + k]!.publicKey));
        const r = await transfer(client, { secretKey: keys[k]!.secret, to, asset: 'TFT', amount: '1', wait: false, status });
        hashes.push(r.hash);
      } catch {
        // The node went down (or was paused) mid-request: not submitted.
      }
    }
  })();
  return {
    hashes,
    stop: () => void (stopped = true),
    async committed(client) {
      let n = 0;
      for (const h of hashes) {
        const view = await client.tx(h).catch(() => null);
        if (view?.status === 'committed' && view.code === 'OK') n++;
      }
      return n;
    },
  };
}
