import { expect } from 'chai';
import { ChainError } from '../../chain/errors.ts';
import { ManualClock } from '../../chain/ports/manual-clock.ts';
import { MemoryLogger } from '../../chain/ports/memory-logger.ts';
import { SILENT_LOGGER } from '../../chain/ports/silent-logger.ts';
import { createStreamLogger } from '../../chain/ports/stream-logger.ts';

function sink(): { lines: string[]; write(s: string): void } {
  const lines: string[] = [];
  return { lines, write: (s) => lines.push(s) };
}

describe('loggers', () => {
  it('the stream logger writes one line per entry with time, level, module path and fields', () => {
    const out = sink();
    const root = createStreamLogger(out, { threshold: 'debug', clock: new ManualClock(Date.UTC(2025, 0, 2, 3, 4, 5)) });
    const wal = root.child('node').child('wal');
    expect(wal.module).to.equal('node.wal');
    wal.warn('dropped tail', { bytes: 12, hash: new Uint8Array([0xab, 0x01]), note: 'two words', big: 10n ** 20n });
    root.info('plain');
    expect(out.lines).to.deep.equal([
      '2025-01-02T03:04:05.000Z WARN  node.wal: dropped tail bytes=12 hash=ab01 note="two words" big=100000000000000000000\n',
      '2025-01-02T03:04:05.000Z INFO  plain\n',
    ]);
  });

  it('filters below the threshold, in children too', () => {
    const out = sink();
    const log = createStreamLogger(out, { threshold: 'warn' });
    log.info('no');
    log.child('x').debug('no');
    log.child('x').error('yes', { err: new ChainError('CODEC_MALFORMED', 'bad') });
    expect(log.isEnabled('info')).to.equal(false);
    expect(log.isEnabled('error')).to.equal(true);
    expect(out.lines).to.deep.equal(['ERROR x: yes err="CODEC_MALFORMED: bad"\n']);
    const silent = createStreamLogger(out, { threshold: 'silent' });
    silent.error('nothing');
    expect(out.lines).to.have.length(1);
  });

  it('writes JSON lines on request', () => {
    const out = sink();
    createStreamLogger(out, { format: 'json', module: 'sim' }).info('hi', { h: 3, key: new Uint8Array([1]) });
    expect(JSON.parse(out.lines[0]!)).to.deep.equal({ level: 'info', module: 'sim', msg: 'hi', h: 3, key: '01' });
  });

  it('the memory logger records entries, shared with its children; the silent one records nothing', () => {
    const log = new MemoryLogger('info');
    log.child('a').warn('w', { k: 1 });
    log.debug('filtered');
    expect(log.entries).to.deep.equal([{ level: 'warn', module: 'a', message: 'w', fields: { k: 1 } }]);
    expect(SILENT_LOGGER.isEnabled('error')).to.equal(false);
    expect(SILENT_LOGGER.child('x')).to.equal(SILENT_LOGGER);
    SILENT_LOGGER.error('ignored');
  });
});
