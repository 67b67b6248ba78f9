/**
 * Light clients and the browser SDK check proofs with verify-proof.ts, proof-codec.ts and
 * proof-json.ts: they and everything they import must avoid node:* and Buffer.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ALLOWED_PACKAGES = /^@noble\/hashes\//;

function importsOf(src: string): string[] {
  // Type-only imports vanish at run time, so they do not count.
  return [...src.matchAll(/^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('state/portability', () => {
  it('the proof checking files and their imports avoid node:* and Buffer', () => {
    const seen = new Set<string>();
    const queue = ['verify-proof.ts', 'proof-codec.ts', 'proof-json.ts'].map((f) => resolve(root, 'chain/state', f));
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const rel = file.slice(root.length + 1);
      const src = readFileSync(file, 'utf8');
      for (const spec of importsOf(src)) {
        expect(spec.startsWith('node:'), `${rel} imports ${spec}`).to.equal(false);
        if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
        else expect(ALLOWED_PACKAGES.test(spec), `${rel} imports package ${spec}`).to.equal(true);
      }
      const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(/\bBuffer\b/.test(code), `${rel} uses Buffer`).to.equal(false);
    }
    const names = [...seen].map((f) => f.slice(root.length + 1));
    expect(names).to.include.members(['chain/codec/hash-portable.ts', 'chain/state/tree-node.ts', 'chain/state/merkle-proof.ts']);
    expect(names).to.not.include('chain/codec/hash.ts');
  });
});
