/**
 * The worker thread that signs certificates for a process running several validators: its
 * signatures are blsSign's byte for byte, calls overlap safely, a bad secret is an error, and
 * close() ends the thread.
 */
import { expect } from 'chai';
import { blsSecretFromSeed, blsSign } from '../../../chain/crypto/bls.ts';
import { BlsSignWorker, inlineBlsSigner } from '../../../chain/node/anchor/bls-sign-worker.ts';

describe('anchoring: signing on a worker thread', function () {
  this.timeout(60_000);

  it('signs exactly as blsSign, several requests in flight; a bad secret fails; close ends it', async () => {
    const w = new BlsSignWorker();
    try {
      const secrets = [1, 2, 3].map((i) => blsSecretFromSeed(new Uint8Array(32).fill(i)));
      const message = new TextEncoder().encode('a certificate');
      const signed = await Promise.all(secrets.map((s) => w.sign(s, message)));
      signed.forEach((r, i) => {
        expect(Buffer.from(r.signature).equals(Buffer.from(blsSign(secrets[i]!, message))), `signature ${i}`).to.equal(true);
        expect(r.ms).to.be.greaterThan(0);
      });
      let failed: unknown;
      await w.sign(new Uint8Array(32), message).catch((e: unknown) => (failed = e));
      expect(String(failed)).to.match(/BLS signing failed/);
      const inline = await inlineBlsSigner().sign(secrets[0]!, message);
      expect(inline.signature).to.deep.equal(signed[0]!.signature);
    } finally {
      await w.close();
    }
  });
});
