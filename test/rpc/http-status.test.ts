/** The code -> HTTP status table covers every code and is documented for the RPC's own codes. */
import { expect } from 'chai';
import fs from 'node:fs';
import { ERROR_CODES } from '../../chain/error-codes.ts';
import { HTTP_STATUS_OF, httpStatusOf } from '../../rpc/server/http-status.ts';
import { RPC_ERRORS } from '../../rpc/server/rpc-errors.ts';

describe('rpc: error codes to HTTP statuses', () => {
  it('maps every chain and RPC code to a 4xx or 5xx status, and nothing else', () => {
    const all = [...Object.keys(ERROR_CODES), ...Object.keys(RPC_ERRORS)].sort();
    expect(Object.keys(HTTP_STATUS_OF).sort()).to.deep.equal(all);
    for (const code of all) expect(httpStatusOf(code), code).to.be.within(400, 599);
    expect(httpStatusOf('SOMETHING_NEW')).to.equal(500);
  });

  it('rpc/README.md lists every RPC code with its status and meaning', () => {
    const readme = fs.readFileSync(new URL('../../rpc/README.md', import.meta.url), 'utf8');
    for (const [code, meaning] of Object.entries(RPC_ERRORS)) expect(readme, code).to.contain(`| \`${code}\` | ${httpStatusOf(code)} | ${meaning} |`);
  });
});
