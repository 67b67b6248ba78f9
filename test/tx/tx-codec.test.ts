import { expect } from 'chai';
import BN from 'bn.js';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { verifyEd25519 } from '../../chain/crypto/ed25519-verify.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { signTx } from '../../chain/tx/sign-tx.ts';
import { decodeTx, encodeSignedTx, txSignBytes } from '../../chain/tx/tx-codec.ts';
import type { UnsignedTx } from '../../chain/tx/transaction.ts';
import { amountToBytes } from '../../chain/amount.ts';

const key = deriveEd25519Key('tx-test', 'account/alice');
const unsigned: UnsignedTx = {
  chainId: 'tfr-test-1',
  sender: key.publicKey,
  nonce: 3,
  fee: new BN(1000),
  expiry: 100,
  body: { module: 'ledger', command: 'transfer', params: [new Uint8Array(20), 'TFT', amountToBytes(new BN(5))] },
};

describe('transaction envelope', () => {
  it('round-trips and the signature verifies over the domain-separated bytes', () => {
    const bytes = encodeSignedTx(signTx(unsigned, key.secret));
    const tx = decodeTx(bytes, 65536);
    expect(tx.chainId).to.equal('tfr-test-1');
    expect(tx.nonce).to.equal(3);
    expect(tx.fee.toString()).to.equal('1000');
    expect(tx.body.module).to.equal('ledger');
    expect(Object.isFrozen(tx)).to.equal(true);
    expect(verifyEd25519(tx.sender, tx.signBytes, tx.signature)).to.equal(true);
    expect(Buffer.from(tx.signBytes).toString('latin1')).to.contain('TFR-tx-v1');
  });

  it('binds the signature to the chain id', () => {
    const signed = signTx(unsigned, key.secret);
    const moved = { ...signed, chainId: 'tfr-other-1' };
    const tx = decodeTx(encodeSignedTx(moved), 65536);
    expect(verifyEd25519(tx.sender, tx.signBytes, tx.signature)).to.equal(false);
    expect(txSignBytes(unsigned)).to.not.deep.equal(txSignBytes(moved));
  });

  it('rejects oversize txs before decoding', () => {
    const bytes = encodeSignedTx(signTx(unsigned, key.secret));
    expect(codeOf(() => decodeTx(bytes, bytes.length - 1))).to.equal('TX_TOO_LARGE');
  });

  const good = () => [1, 'tfr-test-1', key.publicKey, 3, amountToBytes(new BN(1000)), 100, 'ledger', 'transfer', null, new Uint8Array(64)] as const;
  const malformed: Array<[string, (items: unknown[]) => unknown]> = [
    ['wrong version', (a) => (a[0] = 2)],
    ['short sender key', (a) => (a[2] = new Uint8Array(31))],
    ['negative nonce', (a) => (a[3] = -1)],
    ['fee with a leading zero byte', (a) => (a[4] = Uint8Array.of(0, 1))],
    ['fee as a number', (a) => (a[4] = 1000)],
    ['expiry as text', (a) => (a[5] = '100')],
    ['module name too long', (a) => (a[6] = 'x'.repeat(33))],
    ['short signature', (a) => (a[9] = new Uint8Array(63))],
    ['missing item', (a) => a.pop()],
    ['extra item', (a) => a.push(0)],
  ];
  for (const [what, mutate] of malformed) {
    it(`rejects ${what} as TX_MALFORMED`, () => {
      const items: unknown[] = [...good()];
      mutate(items);
      expect(codeOf(() => decodeTx(encodeCbor(items as never), 65536))).to.equal('TX_MALFORMED');
    });
  }

  it('rejects trailing bytes and non-canonical encodings', () => {
    const bytes = encodeSignedTx(signTx(unsigned, key.secret));
    const trailing = new Uint8Array([...bytes, 0]);
    expect(codeOf(() => decodeTx(trailing, 65536))).to.equal('TX_MALFORMED');
    // nonce 3 re-encoded in two bytes (0x18 0x03) instead of one
    const i = 1 + 1 + 11 + 2 + 32; // array head, version, chain id, sender
    expect(bytes[i]).to.equal(0x03);
    const loose = new Uint8Array([...bytes.subarray(0, i), 0x18, 0x03, ...bytes.subarray(i + 1)]);
    expect(codeOf(() => decodeTx(loose, 65536))).to.equal('TX_MALFORMED');
  });
});

describe('transaction sign bytes', () => {
  it('cut from the signed bytes equal the re-encoded unsigned tx, and leave the input intact', () => {
    const bytes = encodeSignedTx(signTx(unsigned, key.secret));
    for (const input of [bytes, Buffer.from(bytes)]) {
      const before = Uint8Array.from(input);
      const tx = decodeTx(input, 65536);
      expect(tx.signBytes).to.deep.equal(txSignBytes(unsigned));
      expect(Uint8Array.from(input)).to.deep.equal(before);
    }
  });
});
