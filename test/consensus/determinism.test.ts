/** The core reads no clock, randomness, timer, environment, file system or network (Principle 2). */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../chain/consensus/', import.meta.url);
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDate\b/, 'Date'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'timers'],
  [/\bperformance\b/, 'performance'],
  [/\bprocess\b/, 'process'],
  [/\bcrypto\.getRandomValues\b/, 'random bytes'],
  [/from\s+['"]node:/, 'node:* import'],
];

describe('consensus/determinism', () => {
  it('no file of chain/consensus touches a clock, randomness, timers, the environment or node:*', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).to.include.members(['step.ts', 'vote-set.ts', 'proposer.ts', 'timeouts.ts']);
    for (const f of files) {
      const code = readFileSync(new URL(f, dir), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [re, what] of FORBIDDEN) expect(re.test(code), `${f} uses ${what}`).to.equal(false);
    }
  });
});
