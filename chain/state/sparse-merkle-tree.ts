/**
 * The sparse Merkle tree in one import: batch update, proofs, offline verification, proof bytes
 * and JSON. Hashing rules and formats are documented in tree-node.ts, proof-codec.ts and README.md.
 */
export { EMPTY_ROOT, encodeInternal, encodeLeaf, isEmptyHash } from './tree-node.ts';
export { KvNodeStore, createNodeCache, nodeKey, nodePutOps } from './node-store.ts';
export type { KvNodeStoreOptions, NodeCache, NodeReader } from './node-store.ts';
export { decodeStoredNode, encodeStoredNode, hashStoredNode } from './stored-node.ts';
export type { NewNode, StoredNode } from './stored-node.ts';
export { EMPTY_ID, idBytes, idOf } from './node-id.ts';
export type { NodeId } from './node-id.ts';
export { updateTree, updateTreeHashed } from './tree-update.ts';
export type { HashedTreeUpdate, TreeUpdate, TreeUpdateResult } from './tree-update.ts';
export { proveKey } from './tree-prove.ts';
export { verifyProof } from './verify-proof.ts';
export { proofShapeError } from './merkle-proof.ts';
export type { MerkleProof, ProofTerminal } from './merkle-proof.ts';
export { decodeProof, encodeProof } from './proof-codec.ts';
export { proofFromJson, proofToJson } from './proof-json.ts';
export type { MerkleProofJson, ProofTerminalJson } from './proof-json.ts';
