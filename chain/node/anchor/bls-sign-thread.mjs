// The worker thread of BlsSignWorker (bls-sign-worker.ts): BLS signatures of certificates off the
// main thread, with the very function the node uses everywhere (chain/crypto/bls.ts, run through
// tsx like the rest of the sources). Plain JavaScript only to register tsx in this thread.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { blsSign } = await import('../../crypto/bls.ts');

parentPort.on('message', (job) => {
  const started = performance.now();
  try {
    const signature = blsSign(job.secret, job.message);
    parentPort.postMessage({ id: job.id, signature, ms: performance.now() - started });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
