import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { expectPortable } from '../fixtures/portability.ts';

describe('chain/ports portability', () => {
  it('ports and their twins avoid node:* and Buffer (adapters live in chain/node/adapters)', () => {
    const files = readdirSync(new URL('../../chain/ports/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    expect(files.length).to.be.greaterThan(10);
    expectPortable(
      files.map((f) => `chain/ports/${f}`),
      /^@noble\/hashes\//,
    );
  });
});
