/**
 * Where a process's certificate signatures are computed. A BLS signature costs ~15-26 ms of CPU
 * with noble (hash to G2 and a scalar multiplication); `tfr testnet` signs 67 of them per anchor
 * height and `tfr testnet --processes 3` 33 per process, which on the main thread slowed the 3
 * blocks after each anchor height by a third (99 validators: median 860 ms against 650 ms; +15%
 * with the worker, on a machine whose second core was busy too; see README.md). So a process with
 * several validators signs on one worker thread
 * (`bls-sign-thread.mjs`, the same `blsSign`), and the main thread only waits; one validator
 * (`tfr node --key`) and the simulator sign inline, between two event-loop turns.
 */
import { Worker } from 'node:worker_threads';
import { blsSign } from '../../crypto/bls.ts';

export interface BlsSigner {
  /** The signature, and the CPU time it took (ms, on whichever thread signed). */
  sign(secret: Uint8Array, message: Uint8Array): Promise<{ readonly signature: Uint8Array; readonly ms: number }>;
  close(): Promise<void>;
}

/** Signs on the calling thread, after yielding one turn (`defer`) so queued messages go first. */
export function inlineBlsSigner(defer: (run: () => void) => void = (run) => void setImmediate(run)): BlsSigner {
  return {
    async sign(secret, message) {
      await new Promise<void>((resolve) => defer(resolve));
      const started = performance.now();
      const signature = blsSign(secret, message);
      return { signature, ms: performance.now() - started };
    },
    close: () => Promise.resolve(),
  };
}

interface Reply {
  readonly id?: number;
  readonly signature?: Uint8Array;
  readonly ms?: number;
  readonly error?: string;
  readonly ready?: boolean;
}

/** One worker thread, started on the first signature and unref'd (it never keeps the process alive). */
export class BlsSignWorker implements BlsSigner {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: { signature: Uint8Array; ms: number }) => void; reject: (e: Error) => void }>();

  private start(): Worker {
    // Its own tsx registration (execArgv empty: a parent started with --import tsx must not load it twice).
    const w = new Worker(new URL('./bls-sign-thread.mjs', import.meta.url), { execArgv: [] });
    w.unref();
    w.on('message', (r: Reply) => {
      if (r.id === undefined) return;
      const job = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      if (job === undefined) return;
      if (r.signature !== undefined) job.resolve({ signature: new Uint8Array(r.signature), ms: r.ms ?? 0 });
      else job.reject(new Error(`BLS signing failed: ${r.error ?? 'no answer'}`));
    });
    const failAll = (e: Error): void => {
      for (const job of this.waiting.values()) job.reject(e);
      this.waiting.clear();
      this.worker = undefined;
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`the BLS signing thread exited (code ${code})`)));
    return w;
  }

  sign(secret: Uint8Array, message: Uint8Array): Promise<{ readonly signature: Uint8Array; readonly ms: number }> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const w = this.worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.postMessage({ id, secret, message });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }
}
