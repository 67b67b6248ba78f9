/**
 * The network benchmark's load: pre-signed txs POSTed to the nodes' RPCs at a fixed offered rate
 * (open loop: a tx is due at its time whatever happened to earlier ones), over keep-alive
 * connections. Each tx goes to one node chosen by the caller (a sender always to the same node, so
 * its nonces arrive in order where they are admitted), and a sender's next tx is sent only once its
 * previous request was answered, so two of its txs never race on two connections. The submit time
 * of a tx is when it was due, so any wait on the client side counts in its latency.
 *
 * The RPC limits each client IP to 600 requests/s (rpc/README.md). A real load comes from many
 * clients; here the requests of each node leave from several loopback source addresses
 * (127.0.0.2, 127.0.0.3, ...: Linux routes all of 127/8 to lo), each well under the limit.
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
  /** Submit time (performance.now()) of each tx that was sent, by hash. */
  readonly submittedAt: Map<string, number>;
  /** Refusals by code (HTTP status plus the error code of the body). */
  readonly rejections: Map<string, number>;
  readonly sent: number;
}

const SOURCE_ADDRESSES = 4;
const SOCKETS_PER_ADDRESS = 32;
const TICK_MS = 5;

export interface LoadOptions {
  readonly rpcUrls: readonly string[];
  readonly txs: readonly LoadTx[];
  readonly rate: number;
  /** performance.now() at which the first tx is due. */
  readonly start: number;
  /** performance.now() at which sending stops (txs not yet due are not sent). */
  readonly until: number;
  /** Called with each tx's submit time as it is sent. */
  onSubmit?(tx: LoadTx, at: number): void;
  /** Called when a tx is refused (any status but 202). */
  onReject?(tx: LoadTx, code: string): void;
}

export async function offerLoad(o: LoadOptions): Promise<LoadResult> {
  const agents = o.rpcUrls.map((_, n) =>
    Array.from({ length: SOURCE_ADDRESSES }, (_, k) => new http.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_ADDRESS, localAddress: `127.0.${n + 1}.${k + 2}` })),
  );
  const targets = o.rpcUrls.map((u) => new URL(u));
  const submittedAt = new Map<string, number>();
  const rejections = new Map<string, number>();
  /** Per sender: the answer to its request in flight. */
  const inFlight = new Map<number, Promise<void>>();
  const outstanding = new Set<Promise<void>>();

  const post = (tx: LoadTx): Promise<void> =>
    new Promise<void>((resolve) => {
      const target = targets[tx.node]!;
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: '/txs',
          method: 'POST',
          agent: agents[tx.node]![tx.sender % SOURCE_ADDRESSES]!,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(tx.body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 202) reject(tx, `${res.statusCode} ${errorCode(Buffer.concat(chunks).toString('utf8'))}`);
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        reject(tx, `network ${e.message}`);
        resolve();
      });
      req.end(tx.body);
    });
  const reject = (tx: LoadTx, code: string): void => {
    rejections.set(code, (rejections.get(code) ?? 0) + 1);
    o.onReject?.(tx, code);
  };
  const send = (tx: LoadTx, at: number): void => {
    submittedAt.set(tx.hash, at);
    o.onSubmit?.(tx, at);
    const before = inFlight.get(tx.sender);
    const done = (before === undefined ? post(tx) : before.then(() => post(tx))).finally(() => {
      if (inFlight.get(tx.sender) === done) inFlight.delete(tx.sender);
      outstanding.delete(done);
    });
    inFlight.set(tx.sender, done);
    outstanding.add(done);
  };

  const t0 = o.start;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      const due = Math.min(o.txs.length, Math.floor(((Math.min(now, o.until) - t0) / 1000) * o.rate));
      for (; sent < due; sent++) send(o.txs[sent]!, t0 + (sent / o.rate) * 1000);
      if (now >= o.until || sent >= o.txs.length) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, TICK_MS);
  });
  await Promise.all(outstanding);
  for (const list of agents) for (const a of list) a.destroy();
  return { submittedAt, rejections, sent };
}

function errorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : body.slice(0, 60);
  } catch {
    return body.slice(0, 60);
  }
}
