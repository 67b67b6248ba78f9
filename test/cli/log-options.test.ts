/** The log flags of node-running commands: levels and formats parsed (CLI_USAGE otherwise), and the logger each format makes. */
import { expect } from 'chai';
import { Command } from 'commander';
import { CliError } from '../../rpc/cli/cli-errors.ts';
import type { CliIo } from '../../rpc/cli/cli-io.ts';
import { addLogOptions, createCliLogger, parseLogFormat, parseLogLevel, type LogFlags } from '../../rpc/cli/log-options.ts';

function usageError(f: () => unknown, message: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(CliError);
    expect((e as CliError).code).to.equal('CLI_USAGE');
    expect((e as CliError).exitCode).to.equal(2);
    expect((e as CliError).message).to.match(message);
    return;
  }
  expect.fail('expected CLI_USAGE');
}

function parse(argv: string[]): LogFlags {
  const cmd = addLogOptions(new Command('node').exitOverride(), { level: 'info', format: 'json' });
  cmd.parse(argv, { from: 'user' });
  return cmd.opts<LogFlags>();
}

describe('cli: log options', () => {
  it('parseLogLevel takes debug, info, warn, error and silent, and nothing else', () => {
    for (const level of ['debug', 'info', 'warn', 'error', 'silent'] as const) expect(parseLogLevel(level)).to.equal(level);
    for (const bad of ['', 'INFO', 'trace', 'fatal', 'warning']) usageError(() => parseLogLevel(bad), /^--log wants debug, info, warn, error or silent, got "/);
  });

  it('parseLogFormat takes json and pretty', () => {
    expect(parseLogFormat('json')).to.equal('json');
    expect(parseLogFormat('pretty')).to.equal('pretty');
    usageError(() => parseLogFormat('text'), /^--log-format wants json or pretty, got "text"$/);
  });

  it('addLogOptions adds --log and --log-format with defaults', () => {
    expect(parse([])).to.deep.equal({ log: 'info', logFormat: 'json' });
    expect(parse(['--log', 'debug', '--log-format', 'pretty'])).to.deep.equal({ log: 'debug', logFormat: 'pretty' });
    usageError(() => parse(['--log', 'loud']), /got "loud"/);
  });

  it('pretty logs text lines with the time through io.err; json logs JSON lines through pino', async () => {
    let err = '';
    const io: CliIo = { out: () => {}, err: (s) => void (err += s), env: {}, cwd: '/' };
    const pretty = createCliLogger(io, { log: 'info', logFormat: 'pretty' });
    pretty.logger.child('p2p').info('dialed', { peers: 3 });
    pretty.logger.debug('filtered');
    await pretty.flush();
    expect(err).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  p2p: dialed peers=3\n$/);

    const lines: string[] = [];
    const json = createCliLogger(io, { log: 'warn', logFormat: 'json' }, { write: (s: string) => void lines.push(s) });
    json.logger.child('sync').warn('behind', { height: 7 });
    json.logger.info('filtered');
    await json.flush();
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0]!)).to.deep.include({ level: 'warn', module: 'sync', msg: 'behind', height: 7 });
    expect(err).to.not.contain('behind');
  });
});
