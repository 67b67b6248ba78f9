/**
 * Light clients and the browser SDK check proofs with verify-proof.ts, proof-codec.ts and
 * proof-json.ts: they and everything they import must avoid node:* and Buffer.
 */
import { expect } from 'chai';
import { expectPortable } from '../fixtures/portability.ts';

describe('state/portability', () => {
  it('the proof checking files and their imports avoid node:* and Buffer', () => {
    const names = expectPortable(['chain/state/verify-proof.ts', 'chain/state/proof-codec.ts', 'chain/state/proof-json.ts'], /^@noble\/hashes\//);
    expect(names).to.include.members(['chain/codec/hash-portable.ts', 'chain/state/tree-node.ts', 'chain/state/merkle-proof.ts']);
    expect(names).to.not.include('chain/codec/hash.ts');
  });
});
