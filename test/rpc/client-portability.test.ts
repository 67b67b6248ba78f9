/**
 * The SDK runs in browsers: rpc/client/index.ts and everything it imports at run time must avoid
 * node:* and Buffer, and import only portable packages.
 */
import { expect } from 'chai';
import { expectPortable } from '../fixtures/portability.ts';

describe('rpc/client portability', () => {
  it('the SDK entry and its imports avoid node:*, Buffer and node-only packages', () => {
    const files = expectPortable(['rpc/client/index.ts'], /^(@noble\/(hashes|curves)\/|@scure\/base$|cborg$|bn\.js$|typebox$)/);
    // The node-only twins must stay out of the browser closure.
    for (const f of ['chain/codec/hash.ts', 'chain/codec/bytes.ts', 'chain/tx/tx-codec.ts', 'chain/ledger/ledger-state.ts', 'chain/crypto/ed25519-verify.ts']) {
      expect(files, f).to.not.include(f);
    }
    expect(files).to.include.members(['chain/tx/tx-encode.ts', 'chain/tx/sign-tx.ts', 'chain/state/verify-proof.ts', 'chain/ledger/account.ts', 'chain/amount.ts']);
    // The DAO and farming part: the modules' portable encoders and decoders, nothing else of dao/.
    expect(files).to.include.members(['rpc/client/dao-json.ts', 'rpc/client/dao.ts', 'rpc/client/farming.ts', 'dao/governance/dao-params.ts', 'dao/farming/farming-params.ts']);
    expect(files.filter((f) => f.startsWith('dao/')).sort()).to.deep.equal(['dao/farming/farming-params.ts', 'dao/farming/farming-types.ts', 'dao/governance/dao-params.ts', 'dao/governance/dao-types.ts']);
  });
});
