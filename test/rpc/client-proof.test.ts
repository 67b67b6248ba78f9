/**
 * verifyAccountProof against real proofs: a StateStore over MemoryKvStore holding ledger accounts,
 * proved with StateStore.prove, converted with proofToJson, as GET /proofs/accounts/:address
 * serves them. Honest views verify; any altered value, balance, nonce, key, root or proof does not,
 * and nothing throws.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import fc from 'fast-check';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressBytesFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { accountCodec, type Account } from '../../chain/ledger/account.ts';
import { accountStateKey } from '../../chain/ledger/ledger-state.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { proofToJson } from '../../chain/state/proof-json.ts';
import { StateStore } from '../../chain/state/state-store.ts';
import type { AccountProofView } from '../../rpc/api/schemas.ts';
import { accountKey, verifyAccountProof } from '../../rpc/client/index.ts';

const HRP = 'fake';
const addr = (i: number): Uint8Array => addressBytesFromPublicKey(deriveEd25519Key('proof-test', `account/${i}`).publicKey);

async function stateWith(n: number): Promise<StateStore> {
  const store = await StateStore.open(new MemoryKvStore());
  const writes = Array.from({ length: n }, (_, i) => {
    const a: Account = { nonce: i, balances: { TFT: new BN(1_000_000 + i), REGIONAL: new BN(i * 7) } };
    return { key: accountStateKey(addr(i)), value: accountCodec.encode(a) };
  });
  await store.commit(await store.prepare(writes));
  return store;
}

/** What the server's proof route serves for the account at `address` (20 bytes). */
async function proofView(store: StateStore, address: Uint8Array): Promise<AccountProofView> {
  const key = accountStateKey(address);
  const p = await store.prove(key);
  const account = p.value === null ? { nonce: 0, balances: { TFT: '0', REGIONAL: '0' } } : (() => {
    const a = accountCodec.decode(p.value);
    return { nonce: a.nonce, balances: { TFT: a.balances.TFT.toString(), REGIONAL: a.balances.REGIONAL.toString() } };
  })();
  return { address: encodeAddress(HRP, address), height: 9, stateRoot: toHex(p.root), key: toHex(key), value: p.value === null ? null : toHex(p.value), account, proof: proofToJson(p.proof) };
}

describe('rpc/client: verifyAccountProof', () => {
  let store: StateStore;
  before(async () => {
    store = await stateWith(50);
  });

  it('computes the same state key as the ledger', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (a) => toHex(accountKey(a)) === toHex(accountStateKey(a))));
  });

  it('accepts honest proofs of present accounts, against their root and a trusted root', async () => {
    for (const i of [0, 1, 17, 49]) {
      const view = await proofView(store, addr(i));
      expect(view.value).to.not.equal(null);
      expect(verifyAccountProof(view), `account ${i}`).to.equal(true);
      expect(verifyAccountProof(view, toHex(store.root()))).to.equal(true);
    }
  });

  it('accepts an honest proof of absence (the empty account), and no claim of funds with it', async () => {
    const view = await proofView(store, addr(1000));
    expect(view.value).to.equal(null);
    expect(verifyAccountProof(view)).to.equal(true);
    expect(verifyAccountProof({ ...view, account: { nonce: 0, balances: { TFT: '1', REGIONAL: '0' } } })).to.equal(false);
    expect(verifyAccountProof({ ...view, account: { nonce: 1, balances: { TFT: '0', REGIONAL: '0' } } })).to.equal(false);
    // A present account's proof cannot pass for absence, nor an absent one's for presence.
    const present = await proofView(store, addr(3));
    expect(verifyAccountProof({ ...present, value: null, account: view.account })).to.equal(false);
    expect(verifyAccountProof({ ...view, value: present.value, account: present.account })).to.equal(false);
  });

  it('rejects a tampered balance, nonce or value', async () => {
    const view = await proofView(store, addr(5));
    expect(verifyAccountProof({ ...view, account: { ...view.account, balances: { ...view.account.balances, TFT: '999999999' } } })).to.equal(false);
    expect(verifyAccountProof({ ...view, account: { ...view.account, nonce: view.account.nonce + 1 } })).to.equal(false);
    // A value that decodes and matches the claimed (inflated) balance, but is not what the tree holds.
    const inflated: Account = { nonce: 5, balances: { TFT: new BN('999999999999'), REGIONAL: new BN(35) } };
    const forged = { ...view, value: toHex(accountCodec.encode(inflated)), account: { nonce: 5, balances: { TFT: '999999999999', REGIONAL: '35' } } };
    expect(verifyAccountProof(forged)).to.equal(false);
    expect(verifyAccountProof({ ...view, value: `${view.value!.slice(0, -2)}00` })).to.equal(false);
    expect(verifyAccountProof({ ...view, value: 'zz' })).to.equal(false);
    expect(verifyAccountProof({ ...view, value: `${view.value!}00` })).to.equal(false);
  });

  it('rejects another root, another address or key, and a tampered proof, without throwing', async () => {
    const view = await proofView(store, addr(7));
    const other = await stateWith(51);
    expect(verifyAccountProof(view, toHex(other.root()))).to.equal(false);
    expect(verifyAccountProof({ ...view, stateRoot: toHex(other.root()) })).to.equal(false);
    expect(verifyAccountProof(view, 'not hex')).to.equal(false);
    expect(verifyAccountProof(view, '00'.repeat(31))).to.equal(false);
    // The proof of account 7 shown for account 8 (with 7's key, or with 8's).
    const eight = encodeAddress(HRP, addr(8));
    expect(verifyAccountProof({ ...view, address: eight })).to.equal(false);
    expect(verifyAccountProof({ ...view, address: eight, key: toHex(accountStateKey(addr(8))) })).to.equal(false);
    expect(verifyAccountProof({ ...view, address: 'garbage' })).to.equal(false);
    const sibling = view.proof.siblings[0]!;
    const flipped = (sibling[0] === '0' ? '1' : '0') + sibling.slice(1);
    expect(verifyAccountProof({ ...view, proof: { ...view.proof, siblings: [flipped, ...view.proof.siblings.slice(1)] } })).to.equal(false);
    expect(verifyAccountProof({ ...view, proof: { ...view.proof, depth: view.proof.depth + 1 } })).to.equal(false);
    expect(verifyAccountProof({ ...view, proof: { ...view.proof, terminal: { kind: 'empty' } } })).to.equal(false);
    expect(verifyAccountProof({ ...view, proof: null } as unknown as AccountProofView)).to.equal(false);
    expect(verifyAccountProof(null as unknown as AccountProofView)).to.equal(false);
  });
});
