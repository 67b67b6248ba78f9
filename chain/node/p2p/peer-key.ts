/**
 * A validator's libp2p identity is its ed25519 node key (the one it signs votes with), so the
 * genesis alone says which peer id each validator has: a peer id names the validator, and noise
 * authenticates it. A full node without a key gets a fresh key for its process.
 */
import type { PrivateKey } from '@libp2p/interface';
import { generateKeyPair, privateKeyFromRaw, publicKeyFromRaw } from '@libp2p/crypto/keys';
import { peerIdFromPublicKey } from '@libp2p/peer-id';
import { ed25519PublicKey } from '../../crypto/ed25519-sign.ts';

/** libp2p's ed25519 private key from our 32-byte RFC 8032 secret (libp2p's raw form is secret || public). */
export function libp2pKeyOf(secret: Uint8Array): PrivateKey {
  const raw = new Uint8Array(64);
  raw.set(secret, 0);
  raw.set(ed25519PublicKey(secret), 32);
  return privateKeyFromRaw(raw);
}

export function randomLibp2pKey(): Promise<PrivateKey> {
  return generateKeyPair('Ed25519');
}

/** The peer id (base58 string) of the node whose ed25519 public key this is. */
export function peerIdOfPublicKey(publicKey: Uint8Array): string {
  return peerIdFromPublicKey(publicKeyFromRaw(publicKey)).toString();
}
