/**
 * The portable files must run in a browser: no node:* import, no Buffer, and only imports of other
 * portable modules. Checked on the source text, transitively from portable.ts.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ALLOWED_PACKAGES = /^@noble\/(curves|hashes)\/|^@scure\/base$/;

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  // Type-only imports vanish at run time, so they do not count.
  return [...src.matchAll(/^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('crypto/portability', () => {
  it('portable.ts and everything it imports avoid node:* and Buffer', () => {
    const seen = new Set<string>();
    const queue = [resolve(root, 'chain/crypto/portable.ts')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const rel = file.slice(root.length + 1);
      const src = readFileSync(file, 'utf8');
      for (const spec of importsOf(file)) {
        expect(spec.startsWith('node:'), `${rel} imports ${spec}`).to.equal(false);
        if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
        else expect(ALLOWED_PACKAGES.test(spec), `${rel} imports package ${spec}`).to.equal(true);
      }
      const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(/\bBuffer\b/.test(code), `${rel} uses Buffer`).to.equal(false);
    }
    const names = [...seen].map((f) => f.slice(root.length + 1)).sort();
    expect(names).to.include.members(['chain/crypto/bls.ts', 'chain/crypto/addresses.ts', 'chain/codec/hash-portable.ts']);
    expect([...seen].some((f) => f.endsWith('ed25519-verify.ts'))).to.equal(false);
  });
});
