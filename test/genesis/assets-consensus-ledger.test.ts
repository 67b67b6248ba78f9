import { expect } from 'chai';
import { expectDefect, loose, smallGenesis, textOf } from './fixtures.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';

describe('genesis: assets, consensus, ledger', () => {
  describe('assets', () => {
    it('requires TFT to be called TFT', () => {
      expectDefect((g) => void (g.assets.tft.symbol = 'TFTX'), 'GENESIS_INVALID_FIELD', 'assets.tft.symbol');
      expectDefect((g) => void (g.assets.tft.symbol = 'tft'), 'GENESIS_INVALID_FIELD', 'assets.tft.symbol');
    });

    for (const decimals of [0, 6, 8, 18]) {
      it(`rejects TFT with ${decimals} decimals as GENESIS_WRONG_DECIMALS`, () =>
        expectDefect((g) => void (g.assets.tft.decimals = decimals), 'GENESIS_WRONG_DECIMALS', 'assets.tft.decimals'));
    }

    it('rejects non-integer decimals as a wrong type', () => {
      expectDefect((g) => void (loose(g.assets.tft)['decimals'] = '7'), 'GENESIS_INVALID_FIELD', 'assets.tft.decimals');
      expectDefect((g) => void (g.assets.regional.decimals = 7.5), 'GENESIS_INVALID_FIELD', 'assets.regional.decimals');
    });

    for (const decimals of [-1, 19, 30]) {
      it(`rejects a regional token with ${decimals} decimals`, () =>
        expectDefect((g) => void (g.assets.regional.decimals = decimals), 'GENESIS_WRONG_DECIMALS', 'assets.regional.decimals'));
    }

    for (const decimals of [0, 18]) {
      it(`accepts a regional token with ${decimals} decimals`, () => {
        const g = smallGenesis();
        g.assets.regional.decimals = decimals;
        expect(parseGenesis(textOf(g)).assets.regional.decimals).to.equal(decimals);
      });
    }

    for (const symbol of ['TFT', 'chi', 'C', 'ABCDEFGHIJKLM', 'CH-I', '']) {
      it(`rejects the regional symbol ${JSON.stringify(symbol)}`, () =>
        expectDefect((g) => void (g.assets.regional.symbol = symbol), 'GENESIS_INVALID_FIELD', 'assets.regional.symbol'));
    }

    it('rejects unknown and missing asset fields', () => {
      expectDefect((g) => void (loose(g.assets.tft)['name'] = 'ThreeFold Token'), 'GENESIS_UNKNOWN_FIELD', 'assets.tft.name');
      expectDefect((g) => void (loose(g.assets)['usd'] = { symbol: 'USD', decimals: 2 }), 'GENESIS_UNKNOWN_FIELD', 'assets.usd');
      expectDefect((g) => void delete loose(g.assets)['regional'], 'GENESIS_MISSING_FIELD', 'assets.regional');
      expectDefect((g) => void delete loose(g.assets.tft)['decimals'], 'GENESIS_MISSING_FIELD', 'assets.tft.decimals');
    });
  });

  describe('consensus', () => {
    const timeouts = ['proposeMs', 'proposeDeltaMs', 'prevoteMs', 'prevoteDeltaMs', 'precommitMs', 'precommitDeltaMs', 'commitMs'];
    for (const name of timeouts) {
      it(`rejects a bad timeouts.${name}`, () => {
        for (const bad of [0, -1, 600_001, 1.5, '500', null]) {
          expectDefect((g) => void (loose(g.consensus.timeouts)[name] = bad), 'GENESIS_INVALID_FIELD', `consensus.timeouts.${name}`);
        }
        expectDefect((g) => void delete loose(g.consensus.timeouts)[name], 'GENESIS_MISSING_FIELD', `consensus.timeouts.${name}`);
      });
    }

    it('accepts a timeout of 600000 ms', () => {
      const g = smallGenesis();
      g.consensus.timeouts.commitMs = 600_000;
      expect(parseGenesis(textOf(g)).consensus.timeouts.commitMs).to.equal(600_000);
    });

    it('rejects out-of-range sizes and intervals', () => {
      expectDefect((g) => void (g.consensus.maxBlockBytes = 0), 'GENESIS_INVALID_FIELD', 'consensus.maxBlockBytes');
      expectDefect((g) => void (g.consensus.maxBlockBytes = 2 ** 40), 'GENESIS_INVALID_FIELD', 'consensus.maxBlockBytes');
      expectDefect((g) => void (g.consensus.maxBlockTxs = 0), 'GENESIS_INVALID_FIELD', 'consensus.maxBlockTxs');
      expectDefect((g) => void (g.consensus.maxTxBytes = 0), 'GENESIS_INVALID_FIELD', 'consensus.maxTxBytes');
      expectDefect((g) => void (g.consensus.anchorInterval = 0), 'GENESIS_INVALID_FIELD', 'consensus.anchorInterval');
      expectDefect((g) => void (loose(g.consensus)['anchorInterval'] = '50'), 'GENESIS_INVALID_FIELD', 'consensus.anchorInterval');
    });

    it('rejects maxTxBytes above maxBlockBytes', () => {
      expectDefect((g) => {
        g.consensus.maxBlockBytes = 100_000;
        g.consensus.maxTxBytes = 100_001;
      }, 'GENESIS_INVALID_FIELD', 'consensus.maxTxBytes');
      const g = smallGenesis();
      g.consensus.maxBlockBytes = 100_000;
      g.consensus.maxTxBytes = 100_000;
      expect(parseGenesis(textOf(g)).consensus.maxTxBytes).to.equal(100_000);
    });

    it('rejects unknown consensus fields', () => {
      expectDefect((g) => void (loose(g.consensus.timeouts)['proposeMS'] = 1000), 'GENESIS_UNKNOWN_FIELD', 'consensus.timeouts.proposeMS');
      expectDefect((g) => void (loose(g.consensus)['blockTimeMs'] = 1000), 'GENESIS_UNKNOWN_FIELD', 'consensus.blockTimeMs');
    });
  });

  describe('ledger', () => {
    for (const bad of ['-5', '1.5', '1e3', '', '012', ' 1', '0x10', 1000, null]) {
      it(`rejects minFee ${JSON.stringify(bad)} as GENESIS_INVALID_AMOUNT`, () =>
        expectDefect((g) => void (loose(g.ledger)['minFee'] = bad), 'GENESIS_INVALID_AMOUNT', 'ledger.minFee'));
    }

    it('accepts a zero minimum fee and parses it as BN', () => {
      const g = smallGenesis();
      g.ledger.minFee = '0';
      expect(parseGenesis(textOf(g)).ledger.minFee.isZero()).to.equal(true);
    });

    it('rejects missing and unknown ledger fields', () => {
      expectDefect((g) => void delete loose(g.ledger)['minFee'], 'GENESIS_MISSING_FIELD', 'ledger.minFee');
      expectDefect((g) => void (loose(g.ledger)['maxFee'] = '5'), 'GENESIS_UNKNOWN_FIELD', 'ledger.maxFee');
    });
  });
});
