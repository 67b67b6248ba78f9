import { expect } from 'chai';
import { formatGenesisTime, parseGenesisTime } from '../../genesis/genesis-time.ts';

describe('genesis: genesisTime', () => {
  it('parses RFC 3339 UTC times to milliseconds', () => {
    expect(parseGenesisTime('2026-11-01T00:00:00Z')).to.equal(Date.UTC(2026, 10, 1));
    expect(parseGenesisTime('1970-01-01T00:00:00Z')).to.equal(0);
    expect(parseGenesisTime('2028-02-29T12:34:56Z')).to.equal(Date.UTC(2028, 1, 29, 12, 34, 56));
    expect(parseGenesisTime('2026-11-01T00:00:00.5Z')).to.equal(Date.UTC(2026, 10, 1) + 500);
    expect(parseGenesisTime('2026-11-01T00:00:00.025Z')).to.equal(Date.UTC(2026, 10, 1) + 25);
    expect(parseGenesisTime('9999-12-31T23:59:59.999Z')).to.equal(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
  });

  it('rejects other forms', () => {
    for (const s of ['2026-11-01T00:00Z', '2026-11-1T00:00:00Z', '2026-04-31T00:00:00Z', '2026-00-10T00:00:00Z', '2026-11-00T00:00:00Z', '+02026-11-01T00:00:00Z', '2026-11-01T00:00:00.Z', '2026-11-01T00:00:00.000000Z', ' 2026-11-01T00:00:00Z']) {
      expect(parseGenesisTime(s), s).to.equal(undefined);
    }
  });

  it('formats back without milliseconds when they are zero', () => {
    expect(formatGenesisTime(Date.UTC(2026, 10, 1))).to.equal('2026-11-01T00:00:00Z');
    expect(formatGenesisTime(Date.UTC(2026, 10, 1) + 250)).to.equal('2026-11-01T00:00:00.250Z');
  });
});
