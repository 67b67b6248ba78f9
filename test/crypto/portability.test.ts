/** The portable crypto files must run in a browser: checked transitively from portable.ts. */
import { expect } from 'chai';
import { expectPortable } from '../fixtures/portability.ts';

describe('crypto/portability', () => {
  it('portable.ts and everything it imports avoid node:* and Buffer', () => {
    const names = expectPortable(['chain/crypto/portable.ts'], /^@noble\/(curves|hashes)\/|^@scure\/base$/);
    expect(names).to.include.members(['chain/crypto/bls.ts', 'chain/crypto/addresses.ts', 'chain/codec/hash-portable.ts']);
    expect(names).to.not.include('chain/crypto/ed25519-verify.ts');
  });
});
