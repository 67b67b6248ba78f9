/**
 * The pino adapter of the Logger port: JSON lines with level, time, module path and fields made
 * JSON-safe; the threshold; children; 'silent'; and flush waiting for async writes to reach a file.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ChainError } from '../../chain/errors.ts';
import { createPinoLogger } from '../../chain/node/adapters/pino-logger.ts';
import { useTempDir } from './temp-dir.ts';

function memory(): { lines: string[]; write(s: string): void; json(): Array<Record<string, unknown>> } {
  const lines: string[] = [];
  return { lines, write: (s) => void lines.push(s), json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('pino logger adapter', () => {
  const dir = useTempDir();

  it('writes one JSON line per entry: level name, ISO time, module path, message and fields', () => {
    const out = memory();
    const root = createPinoLogger({ threshold: 'debug', destination: out, base: { node: 'validator-1' } });
    const wal = root.child('node').child('wal');
    expect(wal.module).to.equal('node.wal');
    expect(root.module).to.equal('');
    wal.warn('dropped tail', { bytes: 12, hash: new Uint8Array([0xab, 0x01]), note: 'two words', big: 10n ** 20n, nested: { key: new Uint8Array([2]), list: [1n] } });
    root.info('plain');
    expect(out.lines).to.have.length(2);
    for (const l of out.lines) expect(l.endsWith('\n')).to.equal(true);
    const [first, second] = out.json();
    expect(first).to.deep.include({
      level: 'warn',
      node: 'validator-1',
      module: 'node.wal',
      msg: 'dropped tail',
      bytes: 12,
      hash: 'ab01',
      note: 'two words',
      big: '100000000000000000000',
      nested: { key: '02', list: ['1'] },
    });
    expect(new Date(String(first!['time'])).toISOString()).to.equal(first!['time']);
    // The module key appears once even under a grandchild (pino would repeat a child's bindings).
    expect(out.lines[0]!.match(/"module"/g)).to.have.length(1);
    expect(second).to.deep.include({ level: 'info', msg: 'plain' });
    expect(second).to.not.have.property('module');
    expect(Object.keys(second!).sort()).to.deep.equal(['level', 'msg', 'node', 'time']);
  });

  it("pino's pid and hostname are on every line unless a base is given", () => {
    const out = memory();
    createPinoLogger({ threshold: 'info', destination: out }).child('rpc').info('up', { port: 26657 });
    expect(out.json()[0]).to.deep.include({ level: 'info', pid: process.pid, module: 'rpc', msg: 'up', port: 26657 });
    expect(out.json()[0]).to.have.property('hostname').that.is.a('string');
  });

  it('filters below the threshold, in children too; isEnabled follows it', () => {
    const out = memory();
    const log = createPinoLogger({ threshold: 'warn', destination: out, base: {} });
    log.info('no');
    log.debug('no');
    log.child('x').info('no');
    log.child('x').warn('yes');
    log.error('yes too');
    expect(log.isEnabled('info')).to.equal(false);
    expect(log.child('x').isEnabled('warn')).to.equal(true);
    expect(out.json().map((l) => [l['level'], l['msg']])).to.deep.equal([
      ['warn', 'yes'],
      ['error', 'yes too'],
    ]);
  });

  it("'silent' writes nothing at any level", () => {
    const out = memory();
    const log = createPinoLogger({ threshold: 'silent', destination: out });
    log.error('nothing');
    log.child('a').child('b').error('nothing', { x: 1 });
    expect(log.isEnabled('error')).to.equal(false);
    expect(out.lines).to.deep.equal([]);
  });

  it('errors become objects: coded ones with code and details, others with their stack', () => {
    const out = memory();
    const log = createPinoLogger({ threshold: 'info', destination: out, base: {} });
    log.error('rejected', { err: new ChainError('CODEC_MALFORMED', 'bad bytes', { at: 3 }) });
    log.error('bug', { err: new TypeError('x is undefined') });
    const [coded, bug] = out.json();
    expect(coded!['err']).to.deep.equal({ type: 'ChainError', code: 'CODEC_MALFORMED', message: 'bad bytes', details: { at: 3 } });
    expect(bug!['err']).to.deep.include({ type: 'TypeError', message: 'x is undefined' });
    expect((bug!['err'] as { stack: string }).stack).to.match(/^TypeError: x is undefined\n/);
  });

  it('a field named like a key of the line is renamed instead of written twice', () => {
    const out = memory();
    createPinoLogger({ threshold: 'info', destination: out, base: { node: 'n1' } }).child('m').info('hi', { level: 3, msg: 'm', module: 'z', time: 1, node: 'n2', undef: undefined });
    const line = out.lines[0]!;
    for (const key of ['level', 'msg', 'module', 'time', 'node']) expect(line.match(new RegExp(`"${key}"`, 'g')), key).to.have.length(1);
    expect(JSON.parse(line)).to.deep.include({ level: 'info', msg: 'hi', module: 'm', node: 'n1', field_level: 3, field_msg: 'm', field_module: 'z', field_time: 1, field_node: 'n2', undef: 'undefined' });
  });

  it('a message is written as given (no printf interpolation)', () => {
    const out = memory();
    createPinoLogger({ threshold: 'info', destination: out }).info('100%s done %d', { n: 1 });
    expect(out.json()[0]!['msg']).to.equal('100%s done %d');
  });

  it('flush resolves once async writes reached the file', async () => {
    const path = join(dir(), 'node.log');
    const dest = pino.destination({ dest: path, sync: false });
    const log = createPinoLogger({ threshold: 'info', destination: dest, base: {} });
    for (let i = 0; i < 2000; i++) log.info('line', { i, pad: 'x'.repeat(200) });
    await log.flush();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).to.have.length(2000);
    expect(JSON.parse(lines[1999]!)).to.deep.include({ msg: 'line', i: 1999 });
    await log.flush(); // nothing pending: still resolves
    dest.end();
  });

  it('flush waits for a Node Writable, and resolves for an ended one and for a plain sink', async () => {
    const written: string[] = [];
    const slow = new Writable({
      write(chunk: Buffer, _enc, cb) {
        setTimeout(() => {
          written.push(chunk.toString());
          cb();
        }, 5);
      },
    });
    const log = createPinoLogger({ threshold: 'info', destination: slow, base: {} });
    log.info('a');
    log.info('b');
    await log.flush();
    expect(written.join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg)).to.deep.equal(['a', 'b']);
    slow.end();
    await log.flush();
    await createPinoLogger({ threshold: 'info', destination: memory() }).flush();
  });
});
