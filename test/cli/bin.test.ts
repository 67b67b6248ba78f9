import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './run-tfr.ts';

describe('cli: bin/tfr.js', function () {
  this.timeout(30_000);

  it('runs the CLI as a real process with its exit codes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfr-bin-'));
    try {
      const out = join(dir, 'g.json');
      const made = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/tfr.js'), 'genesis', 'new', '--region', 'gent', '--validators', '2', '--seed', 's', '--out', out], { encoding: 'utf8' });
      expect(made.status, made.stderr).to.equal(0);
      expect(made.stdout).to.contain('2 validators');
      const checked = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/tfr.js'), 'genesis', 'check', out], { encoding: 'utf8' });
      expect(checked.status, checked.stderr).to.equal(0);
      expect(checked.stdout).to.match(/validators\s+2 \(total power 2, quorum 2\)/);
      const usage = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/tfr.js'), 'genesis', 'check'], { encoding: 'utf8' });
      expect(usage.status).to.equal(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
