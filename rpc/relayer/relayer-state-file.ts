/**
 * NODE-ONLY. The relayer's state (relayer-state.ts) in a file: replaced atomically after each round
 * (temp file, fsync, rename: chain/node/adapters/write-file-atomic.ts), so a crash leaves the old
 * state or the new one, never half of one. The only file of rpc/relayer/ that touches the disk;
 * the CLI gives it to the relayer (`tfr relayer --state`, `<data>/relayer-state.json` of `tfr node` and
 * `tfr testnet --with-hub`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../chain/node/adapters/write-file-atomic.ts';
import type { RelayerStateStore } from './relayer-state.ts';

/** The file name of the state in a node's or testnet's data directory. */
export const RELAYER_STATE_FILE = 'relayer-state.json';

/** The state file of a node's or testnet's data directory. */
export function stateStoreIn(dataDir: string): RelayerStateStore {
  return fileStateStore(join(dataDir, RELAYER_STATE_FILE));
}

export function fileStateStore(path: string): RelayerStateStore {
  return {
    where: path,
    async load() {
      try {
        return await readFile(path, 'utf8');
      } catch (e) {
        if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async save(text) {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, new TextEncoder().encode(text));
    },
  };
}
