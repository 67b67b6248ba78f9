/**
 * The HTTP load generator of the RPC benchmarks, run as its own process (so its work does not
 * share the server's event loop): autocannon against URL, either GET of one path, or POST /txs
 * with pre-signed bodies from a file: one hex tx per line, grouped by sender, `perSender` lines
 * each, in nonce order. A connection takes one sender at a time and sends its txs in order (the
 * request list has one entry per nonce, and autocannon keeps a connection's context until the list
 * wraps), so no tx ever arrives before its sender's previous one. Prints autocannon's result as JSON.
 *
 * argv: JSON { url, path, method, connections, seconds?, amount?, overallRate?, bodiesFile?, perSender? }
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

interface LoadConfig {
  url: string;
  path: string;
  method: 'GET' | 'POST';
  connections: number;
  seconds?: number;
  amount?: number;
  overallRate?: number;
  bodiesFile?: string;
  perSender?: number;
}

const cfg = JSON.parse(process.argv[2]!) as LoadConfig;
const bodies = cfg.bodiesFile === undefined ? [] : readFileSync(cfg.bodiesFile, 'utf8').split('\n').filter((l) => l.length > 0);
const perSender = cfg.perSender ?? 1;
let nextSender = 0;
let sent = 0;

const opts: autocannon.Options = {
  url: cfg.url,
  connections: cfg.connections,
  ...(cfg.amount !== undefined ? { amount: cfg.amount } : { duration: cfg.seconds ?? 10 }),
  ...(cfg.overallRate !== undefined ? { overallRate: cfg.overallRate } : {}),
  requests:
    cfg.method === 'GET'
      ? [{ method: 'GET', path: cfg.path }]
      : Array.from({ length: perSender }, (_, nonce) => ({
          method: 'POST' as const,
          path: cfg.path,
          headers: { 'content-type': 'application/json' },
          setupRequest: (req: autocannon.Request, context: object): autocannon.Request => {
            const ctx = context as { sender?: number };
            ctx.sender ??= nextSender++;
            const tx = bodies[ctx.sender * perSender + nonce];
            if (tx === undefined) return { ...req, method: 'GET', path: '/status', body: '' };
            sent++;
            return { ...req, body: `{"tx":"${tx}"}` };
          },
        })),
};
const result = await autocannon(opts);
process.stdout.write(JSON.stringify({ result, sent }) + '\n');
