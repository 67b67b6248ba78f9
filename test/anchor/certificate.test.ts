import { expect } from 'chai';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { signingBytes } from '../../chain/crypto/domain.ts';
import { certificateSignBytes, decodeAggregate, encodeAggregate, type AggregateCertificate, type Certificate } from '../../chain/anchor/certificate.ts';
import { codeOf } from '../fixtures/expect-code.ts';

describe('anchor/certificate', () => {
  const cert: Certificate = { chainId: 'tfr-testnet-1', height: 50, blockHash: sha256(utf8('b')), stateRoot: sha256(utf8('s')), validatorsHash: sha256(utf8('v')) };
  const agg: AggregateCertificate = { certificate: cert, signers: Uint8Array.of(0xff, 0x80), signature: new Uint8Array(96).fill(3) };

  it('signs signingBytes("certificate", chainId, cbor([height, blockHash, stateRoot, validatorsHash]))', () => {
    const expected = signingBytes('certificate', cert.chainId, encodeCbor([50, cert.blockHash, cert.stateRoot, cert.validatorsHash]));
    expect(toHex(certificateSignBytes(cert))).to.equal(toHex(expected));
    expect(toHex(certificateSignBytes({ ...cert, chainId: 'tfr-other-1' }))).to.not.equal(toHex(expected));
    expect(toHex(certificateSignBytes({ ...cert, height: 51 }))).to.not.equal(toHex(expected));
  });

  it('round-trips an aggregate through its canonical encoding', () => {
    const bytes = encodeAggregate(agg);
    const back = decodeAggregate(bytes);
    expect(back).to.deep.equal(agg);
    expect(toHex(encodeAggregate(back))).to.equal(toHex(bytes));
  });

  it('refuses anything malformed with ANCHOR_BAD_CERTIFICATE', () => {
    const bad = (c: unknown) => codeOf(() => decodeAggregate(encodeCbor(c as never)));
    const certCbor = [cert.chainId, 50, cert.blockHash, cert.stateRoot, cert.validatorsHash];
    expect(bad([certCbor, agg.signers, new Uint8Array(95)])).to.equal('ANCHOR_BAD_CERTIFICATE');
    expect(bad([[cert.chainId, 0, cert.blockHash, cert.stateRoot, cert.validatorsHash], agg.signers, agg.signature])).to.equal('ANCHOR_BAD_CERTIFICATE');
    expect(bad([['bad\u0001id', 50, cert.blockHash, cert.stateRoot, cert.validatorsHash], agg.signers, agg.signature])).to.equal('ANCHOR_BAD_CERTIFICATE');
    expect(bad([[cert.chainId, 50, cert.blockHash.slice(1), cert.stateRoot, cert.validatorsHash], agg.signers, agg.signature])).to.equal('ANCHOR_BAD_CERTIFICATE');
    expect(bad([certCbor, agg.signers])).to.equal('ANCHOR_BAD_CERTIFICATE');
    expect(codeOf(() => decodeAggregate(Uint8Array.of(...encodeAggregate(agg), 0)))).to.equal('ANCHOR_BAD_CERTIFICATE');
    expect(codeOf(() => decodeAggregate(Uint8Array.of(0xff)))).to.equal('ANCHOR_BAD_CERTIFICATE');
  });
});
