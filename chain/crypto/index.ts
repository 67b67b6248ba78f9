/**
 * Public API of chain/crypto for node code: everything portable, plus the node:crypto ed25519
 * verifier. Browser code imports portable.ts instead.
 */
export * from './portable.ts';
export { ed25519KeyCacheSize, verifyEd25519, verifyEd25519Async } from './ed25519-verify.ts';
