import { expect } from 'chai';
import BN from 'bn.js';
import { decodeResults, encodeResults, resultsHash } from '../../chain/block/block-codec.ts';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { addressOf, makeGenesis, ONE, openTestChain, testKey, transferTx } from '../fixtures/test-chain.ts';
import { codeOf } from '../fixtures/expect-code.ts';

describe('block results encoding', () => {
  it('round-trips results with events, and their hash is the next header lastResultsHash', async () => {
    const chain = await openTestChain({ genesis: makeGenesis({ alice: { TFT: ONE, REGIONAL: ONE } }) });
    const applied = await chain.apply([transferTx(testKey('alice'), addressOf(testKey('bob')), 'TFT', new BN(3), { nonce: 0 })]);
    const back = decodeResults(encodeResults(applied.results));
    expect(back).to.deep.equal(applied.results);
    expect(back.txs[0]!.events[1]!.data['amount']).to.equal('3');
    const next = chain.next([]);
    expect(next.header.lastResultsHash).to.deep.equal(resultsHash(applied.results));
  });

  it('rejects unknown result codes and malformed event data', () => {
    const h = new Uint8Array(32);
    expect(codeOf(() => decodeResults(encodeCbor([[[h, 'NOT_A_CODE', []]], []])))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeResults(encodeCbor([[[h, 'OK', [['ledger', 'x', [1]]]]], []])))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeResults(encodeCbor([[[h, 'OK', [['ledger', 'x', { a: null }]]]], []])))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeResults(encodeCbor([[[h, 'OK', [['ledger', 'x', { a: 'b', n: 2, t: true }]]]], []])))).to.equal('no error');
  });
});
