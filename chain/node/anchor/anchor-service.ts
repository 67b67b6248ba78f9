/**
 * Anchoring on the node, one per process: the validators' BLS signatures of each regional
 * certificate, the checks of peers' signatures, and the collector that forms and stores the
 * aggregates. `createNode` attaches each node of the process (`NodeDeps.anchors`): the node's
 * network port is wrapped so `anchor-sigs` messages come here instead of to the driver, and the
 * node's commit listener tells the service of every committed block.
 *
 * Signing: after a block at a height that is a multiple of `anchorInterval` is committed (the
 * first local node to announce it; the block is final, so it is the same block for every local
 * validator), each local validator signs the certificate of that block with its BLS secret, one
 * after the other (~15-26 ms each with noble): inline between two event-loop turns, or with
 * `signOn: 'worker'` on a worker thread (bls-sign-worker.ts), so that 67 signatures do not slow
 * the next blocks of a process running many validators. Local signatures go to the collector
 * unverified (the process made them). With `publish: 'peers'` the process then sends them to its
 * peers in one message; with `publish: 'none'` (every validator in this process, `tfr testnet`)
 * nothing is sent and signing stops once the aggregate is formed.
 */
import { bytesEqual } from '../../codec/bytes.ts';
import { ChainError } from '../../errors.ts';
import { blsPublicKey } from '../../crypto/bls.ts';
import { anchorSetFromGenesis, type AnchorSet } from '../../anchor/anchor-set.ts';
import { certificateSignBytes, type AggregateCertificate, type Certificate } from '../../anchor/certificate.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Network } from '../../ports/network.ts';
import type { Timers } from '../../ports/timers.ts';
import type { KvStore } from '../../state/kv-store.ts';
import type { Genesis } from '../../../genesis/genesis-types.ts';
import type { CommittedBlock } from '../driver-types.ts';
import type { NodeMessage } from '../node-messages.ts';
import type { AnchorSignatures, CertificateSignature } from './anchor-messages.ts';
import { AnchorSignatureChecks } from './anchor-checks.ts';
import { AnchorStore } from './anchor-store.ts';
import { CertificateCollector, type AggregateListener } from './certificate-collector.ts';
import { BlsSignWorker, inlineBlsSigner, type BlsSigner } from './bls-sign-worker.ts';

/** What a node exposes of anchoring (the RPC reads it through its anchor port). */
export interface NodeAnchors {
  /** The newest aggregates formed, newest first, at most `limit`. */
  latest(limit: number): readonly AggregateCertificate[];
  byHeight(height: number): AggregateCertificate | undefined;
  /** Called with each aggregate formed from now on; returns the unsubscribe function. */
  onAggregate(listener: AggregateListener): () => void;
}

/** A node without anchoring (tests that do not ask for it). */
export const NO_ANCHORS: NodeAnchors = Object.freeze({
  latest: () => [],
  byHeight: () => undefined,
  onAggregate: () => () => undefined,
});

export interface AnchorServiceOptions {
  readonly genesis: Genesis;
  /** Where formed aggregates persist (the process's shared LevelDB, or the node's). */
  readonly kv: KvStore;
  /** Batches of peers' signatures wait on these (ManualTimers in the simulator). */
  readonly timers: Timers;
  readonly logger: Logger;
  /** 'peers': send the process's signatures over the network; 'none': every validator runs here. */
  readonly publish: 'peers' | 'none';
  /** Where signatures are computed: 'inline' (default; yielding with `defer` before each) or on a 'worker' thread. */
  readonly signOn?: 'inline' | 'worker';
  /** Inline signing yields with this before each signature (default setImmediate). */
  readonly defer?: (run: () => void) => void;
  /** Wait before a batch of peers' signatures is checked (ANCHOR_BATCH_MS). */
  readonly batchMs?: number;
  readonly keepHeights?: number;
}

export type AnchorVerdict = { readonly verdict: 'accept' } | { readonly verdict: 'reject' | 'ignore'; readonly reason: string };

export interface AnchorSignStats {
  /** Signatures made, and the CPU time they took (ms, on the thread that signed). */
  signatures: number;
  signMs: number;
}

export class AnchorService implements NodeAnchors {
  readonly set: AnchorSet;
  readonly checks: AnchorSignatureChecks;
  readonly collector: CertificateCollector;
  readonly stats: AnchorSignStats = { signatures: 0, signMs: 0 };
  /** anchor-set index -> BLS secret of a local validator. */
  private readonly signers = new Map<number, Uint8Array>();
  private publisher: Network<NodeMessage> | undefined;
  /** Signature messages this process made or already handled (the same object reaches every local node). */
  private readonly seen = new WeakSet<AnchorSignatures>();
  private lastAnchor = 0;
  private signing: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly signer: BlsSigner;

  private constructor(
    private readonly o: AnchorServiceOptions,
    private readonly store: AnchorStore,
  ) {
    this.set = anchorSetFromGenesis(o.genesis);
    const interval = o.genesis.consensus.anchorInterval;
    this.checks = new AnchorSignatureChecks({ chainId: o.genesis.chainId, set: this.set, interval, timers: o.timers, ...(o.batchMs !== undefined && { batchMs: o.batchMs }) });
    this.collector = new CertificateCollector({ set: this.set, interval, store, logger: o.logger, ...(o.keepHeights !== undefined && { keepHeights: o.keepHeights }) });
    this.signer = o.signOn === 'worker' ? new BlsSignWorker() : inlineBlsSigner(o.defer);
    const last = store.latest(1)[0];
    if (last !== undefined) this.lastAnchor = last.certificate.height;
  }

  static async open(o: AnchorServiceOptions): Promise<AnchorService> {
    return new AnchorService(o, await AnchorStore.open(o.kv));
  }

  latest(limit: number): readonly AggregateCertificate[] {
    return this.collector.latest(limit);
  }

  byHeight(height: number): AggregateCertificate | undefined {
    return this.collector.byHeight(height);
  }

  onAggregate(listener: AggregateListener): () => void {
    return this.collector.onAggregate(listener);
  }

  /** The anchor-set index of genesis validator `index`. */
  signerIndexOf(index: number): number {
    const v = this.o.genesis.validators[index];
    if (v === undefined) throw new RangeError(`no validator ${index} in the genesis`);
    return this.set.validators.findIndex((x) => bytesEqual(x.blsPublicKey, v.blsPublicKey));
  }

  /**
   * A local validator (genesis index) signs certificates with `blsSecret`, which must be the secret
   * of its genesis `blsPublicKey` (CRYPTO_BAD_KEY otherwise).
   */
  addSigner(index: number, blsSecret: Uint8Array): void {
    const v = this.o.genesis.validators[index];
    if (v === undefined) throw new RangeError(`no validator ${index} in the genesis`);
    if (!bytesEqual(blsPublicKey(blsSecret), v.blsPublicKey)) {
      throw new ChainError('CRYPTO_BAD_KEY', `the BLS secret given for ${v.name} is not the secret of its genesis blsPublicKey`, { validator: v.name });
    }
    this.signers.set(this.signerIndexOf(index), blsSecret);
  }

  /**
   * A node of the process joins: returns its network port with `anchor-sigs` messages routed here
   * (the driver never sees them). The first node's port also sends the process's signatures.
   */
  attach(network: Network<NodeMessage>, tipHeight: number): Network<NodeMessage> {
    this.publisher ??= network;
    this.collector.noteTip(tipHeight);
    return {
      send: (to, m) => network.send(to, m),
      broadcast: (m) => network.broadcast(m),
      onMessage: (handler) =>
        network.onMessage((m, from) => {
          if (m.kind === 'anchor-sigs') void this.receive(m.sigs);
          else handler(m, from);
        }),
    };
  }

  /** A local node committed a block (its commit listener); the first one to report an anchor height starts signing. */
  committed(c: CommittedBlock): void {
    if (this.stopped) return;
    this.collector.noteTip(c.height);
    const interval = this.o.genesis.consensus.anchorInterval;
    if (c.height % interval !== 0 || c.height <= this.lastAnchor) return;
    this.lastAnchor = c.height;
    const certificate: Certificate = Object.freeze({
      chainId: this.o.genesis.chainId,
      height: c.height,
      blockHash: c.hash,
      stateRoot: c.block.header.stateRoot,
      validatorsHash: this.set.hash,
    });
    this.collector.noteCertificate(certificate);
    if (this.signers.size === 0) return;
    this.signing = this.signing.then(() => this.signAll(certificate)).catch((e: unknown) => this.o.logger.error('signing a certificate failed', { height: c.height, error: String(e) }));
  }

  /** Resolves when the signatures queued so far are made (tests, shutdown). */
  settled(): Promise<void> {
    return this.signing;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Stops signing and waits for the signature in progress and the aggregates being stored. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.signing;
    await this.signer.close();
    await this.store.flushed();
  }

  /** The libp2p gossip validator's verdict on a decoded `anchor-sigs` message from a peer. */
  async gossipCheck(m: AnchorSignatures): Promise<AnchorVerdict> {
    const why = this.checks.shape(m);
    if (why !== undefined) return { verdict: 'reject', reason: why };
    if (!m.signatures.some((s) => this.collector.relays(m.certificate, s.signer))) return { verdict: 'ignore', reason: 'no signature needed here' };
    return (await this.checks.verify(m)) ? { verdict: 'accept' } : { verdict: 'reject', reason: 'bad certificate signature' };
  }

  /** A message from the network port: checked (unless the process made it, or the gossip validator did) and collected. */
  async receive(m: AnchorSignatures): Promise<void> {
    if (this.stopped || this.seen.has(m)) return;
    this.seen.add(m);
    const why = this.checks.shape(m);
    if (why !== undefined) {
      this.o.logger.info('ignored malformed certificate signatures', { height: m.certificate.height, reason: why });
      return;
    }
    if (!m.signatures.some((s) => this.collector.wants(m.certificate, s.signer))) return;
    if (!(await this.checks.verify(m))) {
      this.o.logger.info('rejected certificate signatures that do not verify', { height: m.certificate.height, signers: m.signatures.map((s) => s.signer) });
      return;
    }
    this.collector.add(m.certificate, m.signatures, false);
  }

  private async signAll(certificate: Certificate): Promise<void> {
    const bytes = certificateSignBytes(certificate);
    const made: CertificateSignature[] = [];
    for (const [signer, secret] of [...this.signers].sort((a, b) => a[0] - b[0])) {
      if (this.stopped) return;
      // Alone on the chain, signatures beyond the threshold serve nobody.
      if (this.o.publish === 'none' && this.collector.isFormed(certificate.height)) break;
      const { signature, ms } = await this.signer.sign(secret, bytes);
      if (this.stopped) return;
      this.stats.signMs += ms;
      this.stats.signatures++;
      made.push(Object.freeze({ signer, signature }));
      this.collector.add(certificate, [made[made.length - 1]!], true);
    }
    if (this.o.publish !== 'peers' || made.length === 0 || this.publisher === undefined) return;
    const sigs: AnchorSignatures = Object.freeze({ certificate, signatures: Object.freeze(made) });
    this.seen.add(sigs);
    this.publisher.broadcast(Object.freeze({ kind: 'anchor-sigs', sigs }));
  }
}
