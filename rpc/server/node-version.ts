/** The software version the node reports (GET /status, /openapi.json): package.json's, read once. */
import { readFileSync } from 'node:fs';

export const NODE_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
