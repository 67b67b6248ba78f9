/**
 * NODE-ONLY. The validator's signer, guarding against double signing across crashes (the rule
 * CometBFT's privval enforces):
 *  - below the last signed (height, round, step) it refuses: NODE_SIGN_REGRESSION;
 *  - at the same position it returns the stored signature if the message bytes are the same
 *    (the driver replaying its WAL asks again) and refuses different bytes: NODE_SIGN_CONFLICT;
 *  - above it, it signs, saves {position, sha256(message), signature} durably, and only then
 *    returns the signature.
 * Computing the signature before saving is harmless: nobody sees it until the save succeeded. If the
 * process dies after the save, the restarted signer knows the position and message, so at worst
 * it answers the same signature again; if a save fails, nothing was returned, so the in-memory
 * state stays as it was. Calls are serialized, so two concurrent requests cannot both pass the check.
 *
 * Signs through node:crypto with the key imported once from JWK (a PKCS#8 import per call costs
 * ~440 µs); ed25519 is deterministic, so signatures equal `signEd25519`'s (noble) byte for byte.
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { sha256 } from '../codec/hash.ts';
import { ed25519PublicKey } from '../crypto/ed25519-sign.ts';
import { checkHrs, compareHrs, type Hrs } from '../ports/hrs.ts';
import { portsError } from '../ports/ports-errors.ts';
import type { Signer } from '../ports/signer.ts';
import type { LastSigned, SignerStateStore } from '../ports/signer-state.ts';

/** Loads the last signed state (failing with NODE_SIGNER_STATE_CORRUPT if unreadable) and returns the signer. */
export async function openSigner(secretKey: Uint8Array, store: SignerStateStore): Promise<GuardedSigner> {
  const publicKey = ed25519PublicKey(secretKey); // also checks the key size (CRYPTO_BAD_KEY)
  const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64(secretKey), x: b64(publicKey) }, format: 'jwk' });
  return new GuardedSigner(publicKey, key, store, await store.load());
}

export class GuardedSigner implements Signer {
  readonly publicKey: Uint8Array;
  readonly #key: KeyObject;
  readonly #store: SignerStateStore;
  #last: LastSigned | null;
  #queue: Promise<unknown> = Promise.resolve();

  /** Use `openSigner`. */
  constructor(publicKey: Uint8Array, key: KeyObject, store: SignerStateStore, last: LastSigned | null) {
    this.publicKey = publicKey;
    this.#key = key;
    this.#store = store;
    this.#last = last;
  }

  /** The last signed position (null before the first signature). */
  get lastSigned(): Hrs | null {
    const l = this.#last;
    return l === null ? null : { height: l.height, round: l.round, step: l.step };
  }

  // async so that a malformed position rejects like every other refusal; the body up to `return`
  // runs synchronously, so calls still queue in call order.
  async sign(hrs: Hrs, message: Uint8Array): Promise<Uint8Array> {
    checkHrs(hrs);
    const bytes = message.slice(); // the caller may reuse its buffer before our turn comes
    const result = this.#queue.then(() => this.#sign({ height: hrs.height, round: hrs.round, step: hrs.step }, bytes));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #sign(hrs: Hrs, message: Uint8Array): Promise<Uint8Array> {
    const last = this.#last;
    const messageHash = sha256(message);
    const order = last === null ? 1 : compareHrs(hrs, last);
    if (last !== null && order < 0) {
      throw portsError('NODE_SIGN_REGRESSION', `refusing to sign at ${show(hrs)}: already signed at ${show(last)}`, { requested: { ...hrs }, last: show(last) });
    }
    if (last !== null && order === 0) {
      if (bytesEqual(messageHash, last.messageHash)) return last.signature.slice();
      throw portsError('NODE_SIGN_CONFLICT', `refusing to sign a different message at ${show(hrs)}`, {
        requested: { ...hrs },
        signedMessageHash: toHex(last.messageHash),
        requestedMessageHash: toHex(messageHash),
      });
    }
    const signature = new Uint8Array(nodeSign(null, message, this.#key));
    const next: LastSigned = { ...hrs, messageHash, signature };
    await this.#store.save(next);
    this.#last = next;
    return signature.slice();
  }
}

function show(h: Hrs): string {
  return `${h.height}/${h.round}/${h.step}`;
}
