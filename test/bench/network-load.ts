/**
 * The network benchmark's load: pre-signed txs POSTed to the nodes' RPCs at a fixed offered rate
 * (open loop: a tx is due at its time whatever happened to earlier ones), over keep-alive
 * connections. Each tx goes to one node chosen by the caller (a sender always to the same node, so
 * its nonces arrive in order where they are admitted), and a sender's next tx is sent only once its
 * previous request was answered, so two of its txs never race on two connections. The submit time
 * of a tx is when it was due, so any wait on the client side counts in its latency. A tx refused
 * because the node is full (503 MEMPOOL_FULL) or by the rate limit (429) is sent again a little
 * later, as a client would: dropping it would fail every later tx of its sender (nonce gap).
 *
 * The RPC limits each client IP to 600 requests/s (rpc/README.md). A real load comes from many
 * clients; here the requests to node N leave from several loopback source addresses
 * (127.0.N.2 to 127.0.N.9: Linux routes all of 127/8 to lo), each well under the limit.
 */
import http from 'node:http';

export interface LoadTx {
  /** The JSON body of POST /txs. */
  readonly body: string;
  readonly hash: string;
  /** Index of the node (its RPC) the tx is sent to. */
  readonly node: number;
  /** Sender index: a sender's txs are sent one after the other. */
  readonly sender: number;
}

export interface LoadResult {
  /** Final refusals by code (HTTP status plus the error code of the body). */
  readonly rejections: Map<string, number>;
  /** Refusals that were retried (503 MEMPOOL_FULL, 429), by code. */
  readonly retries: Map<string, number>;
  readonly sent: number;
}

const SOURCE_ADDRESSES = 8;
const SOCKETS_PER_ADDRESS = 16;
const TICK_MS = 5;
const RETRY_MS = 500;

export interface LoadOptions {
  readonly rpcUrls: readonly string[];
  readonly txs: readonly LoadTx[];
  readonly rate: number;
  /** performance.now() at which the first tx is due. */
  readonly start: number;
  /**
   * The rate rises linearly from 0 over this many ms (the warm-up), then holds: a chain that was
   * idle meets its load gradually, as one does in service (caches of the accounts fill first).
   */
  readonly rampMs: number;
  /** performance.now() at which sending stops (txs not yet due are not sent). */
  readonly until: number;
  /** Until then a tx refused for a full mempool or the rate limit is sent again after RETRY_MS. */
  readonly retryUntil: number;
  /** Called with each tx's submit time as it is sent. */
  onSubmit?(tx: LoadTx, at: number): void;
  /** Called when a tx is finally refused (any status but 202, after the retries). */
  onReject?(tx: LoadTx, code: string): void;
}

export async function offerLoad(o: LoadOptions): Promise<LoadResult> {
  const agents = o.rpcUrls.map((_, n) =>
    Array.from({ length: SOURCE_ADDRESSES }, (_, k) => new http.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_ADDRESS, localAddress: `127.0.${n + 1}.${k + 2}` })),
  );
  const targets = o.rpcUrls.map((u) => new URL(u));
  const rejections = new Map<string, number>();
  const retries = new Map<string, number>();
  /** Per sender: the answer to its request in flight. */
  const inFlight = new Map<number, Promise<void>>();
  const outstanding = new Set<Promise<void>>();

  /** One POST: true when admitted (202) or finally refused; false when it should be tried again. */
  const postOnce = (tx: LoadTx): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      const target = targets[tx.node]!;
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: '/txs',
          method: 'POST',
          // Senders of one node spread over its source addresses (sender / nodes: the sender's rank there).
          agent: agents[tx.node]![Math.floor(tx.sender / targets.length) % SOURCE_ADDRESSES]!,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(tx.body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode === 202) return resolve(true);
            const code = `${res.statusCode} ${errorCode(Buffer.concat(chunks).toString('utf8'))}`;
            // A full mempool or the rate limit: a client waits and sends the same tx again.
            if ((res.statusCode === 503 || res.statusCode === 429) && performance.now() < o.retryUntil) {
              retries.set(code, (retries.get(code) ?? 0) + 1);
              return resolve(false);
            }
            reject(tx, code);
            resolve(true);
          });
        },
      );
      req.on('error', (e) => {
        reject(tx, `network ${e.message}`);
        resolve(true);
      });
      req.end(tx.body);
    });
  const post = async (tx: LoadTx): Promise<void> => {
    while (!(await postOnce(tx))) await new Promise((r) => setTimeout(r, RETRY_MS));
  };
  const reject = (tx: LoadTx, code: string): void => {
    rejections.set(code, (rejections.get(code) ?? 0) + 1);
    o.onReject?.(tx, code);
  };
  const send = (tx: LoadTx, at: number): void => {
    o.onSubmit?.(tx, at);
    const before = inFlight.get(tx.sender);
    const done = (before === undefined ? post(tx) : before.then(() => post(tx))).finally(() => {
      if (inFlight.get(tx.sender) === done) inFlight.delete(tx.sender);
      outstanding.delete(done);
    });
    inFlight.set(tx.sender, done);
    outstanding.add(done);
  };

  const dueAt = dueTimes(o.start, o.rate, o.rampMs);
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      for (; sent < o.txs.length && dueAt(sent) <= Math.min(now, o.until); sent++) send(o.txs[sent]!, dueAt(sent));
      if (now >= o.until || sent >= o.txs.length) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, TICK_MS);
  });
  await Promise.all(outstanding);
  for (const list of agents) for (const a of list) a.destroy();
  return { rejections, retries, sent };
}

/** When tx `i` is due: the load has sent rate * t^2 / (2 * ramp) txs at t <= ramp, then `rate` a second more. */
export function dueTimes(start: number, rate: number, rampMs: number): (i: number) => number {
  const perMs = rate / 1000;
  const inRamp = (perMs * rampMs) / 2;
  return (i) => (i < inRamp ? start + Math.sqrt((2 * rampMs * i) / perMs) : start + rampMs + (i - inRamp) / perMs);
}

function errorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : body.slice(0, 60);
  } catch {
    return body.slice(0, 60);
  }
}
