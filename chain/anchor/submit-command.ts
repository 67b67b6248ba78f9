/**
 * `anchor.submit` (Hub): anyone (a relayer) submits a region's aggregate certificate, with the
 * region's next certificate validator set when it changes. Params (anchor-params.ts):
 * [aggregate, update | null].
 *
 * Every rule is checked in `verify`, so a certificate that breaks one is an *invalid* tx (the
 * mempool refuses it, a block carrying it is rejected whole), as Lisk verifies certificates in its
 * CCU command's verify step. In this order (cheap before costly; the pairing and proofs of
 * possession last, see verify-certificate.ts):
 *   region registered                                                   ANCHOR_UNKNOWN_REGION
 *   region not frozen                                                   ANCHOR_BRIDGE_FROZEN
 *   height above the last accepted, or a fork candidate (below)         ANCHOR_STALE_HEIGHT
 *   bitmap: ceil(n/8) bytes, no bit at or beyond n, a signer            ANCHOR_BAD_BITMAP
 *   signers' weight >= threshold                                        ANCHOR_INSUFFICIENT_WEIGHT
 *   validatorsHash = the registered set's, or the update's (checked)    ANCHOR_VALIDATORS_HASH_MISMATCH,
 *                                                                       ANCHOR_BAD_VALIDATOR_SET, ANCHOR_BAD_THRESHOLD
 *   aggregate signature of the signers (registered keys)                ANCHOR_BAD_SIGNATURE
 *   every new key of the update proves possession                       ANCHOR_BAD_POP
 *
 * A height at or below the last accepted one is stale unless a certificate was accepted at that
 * very height with another block hash: then the certificate, once every check above passes (it is
 * checked against the registered set), is fork evidence. `execute` then stores a ForkEvidence and
 * freezes the region (event `anchor.fork`); the tx succeeds. Otherwise `execute` stores the
 * AnchoredCertificate, moves the region record forward (the update replacing the set) and emits
 * `anchor.accepted {chainId, height, blockHash, stateRoot, signers, weight, updated}`.
 *
 * `execute` repeats the checks on its own state (they cannot fail after `verify` on the same
 * state); the pairing and the proofs come from caches of successes, so each costs once per process.
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import type { Command } from '../execution/module.ts';
import type { StateReader } from '../execution/state-access.ts';
import { submitParams, type SubmitParams } from './anchor-params.ts';
import type { AnchoredCertificate, RegionRecord } from './hub-records.ts';
import { getAnchoredCertificate, getRegion, putAnchoredCertificate, putForkEvidence, putRegion } from './hub-anchor-state.ts';
import { ANCHOR_COMMANDS } from './register-command.ts';
import { verifyCertificateForRegion, type VerifiedCertificate } from './verify-certificate.ts';

interface CheckedSubmit {
  readonly region: RegionRecord;
  readonly verified: VerifiedCertificate;
  /** The certificate accepted earlier at this height with another block: the submission is fork evidence. */
  readonly conflictsWith: AnchoredCertificate | undefined;
}

/** Every rule of the header, against `state`; throws the first broken rule's ChainError. */
export async function checkSubmit(state: StateReader, p: SubmitParams): Promise<CheckedSubmit> {
  const cert = p.aggregate.certificate;
  const region = await getRegion(state, cert.chainId);
  if (region === undefined) throw new ChainError('ANCHOR_UNKNOWN_REGION', `no region ${JSON.stringify(cert.chainId)} is registered`, { chainId: cert.chainId });
  if (region.frozen) throw new ChainError('ANCHOR_BRIDGE_FROZEN', `region ${JSON.stringify(cert.chainId)} is frozen: the Hub holds fork evidence against it`, { chainId: cert.chainId });
  let conflictsWith: AnchoredCertificate | undefined;
  if (cert.height <= region.lastHeight) {
    const anchored = await getAnchoredCertificate(state, cert.chainId, cert.height);
    if (anchored === undefined || bytesEqual(anchored.blockHash, cert.blockHash)) {
      throw new ChainError('ANCHOR_STALE_HEIGHT', `height ${cert.height} is not above the last accepted height ${region.lastHeight} of ${cert.chainId}`, {
        height: cert.height,
        lastHeight: region.lastHeight,
      });
    }
    conflictsWith = anchored;
  }
  const verified = verifyCertificateForRegion(p.aggregate, region, p.update);
  return { region, verified, conflictsWith };
}

export function submitCommand(): Command<SubmitParams> {
  return {
    name: ANCHOR_COMMANDS.submit,
    decodeParams: submitParams.decode,
    encodeParams: submitParams.encode,
    async verify(ctx, p) {
      await checkSubmit(ctx.state, p);
    },
    async execute(ctx, p) {
      const { region, verified, conflictsWith } = await checkSubmit(ctx.state, p);
      const cert = p.aggregate.certificate;
      const hubHeight = ctx.block.height;
      if (conflictsWith !== undefined) {
        putForkEvidence(ctx.state, cert.chainId, cert.height, { accepted: conflictsWith, conflicting: p.aggregate, hubHeight });
        putRegion(ctx.state, { ...region, frozen: true });
        ctx.emit('fork', { chainId: cert.chainId, height: cert.height, acceptedBlockHash: toHex(conflictsWith.blockHash), conflictingBlockHash: toHex(cert.blockHash) });
        return;
      }
      putAnchoredCertificate(ctx.state, cert.chainId, { height: cert.height, blockHash: cert.blockHash, stateRoot: cert.stateRoot, validatorsHash: cert.validatorsHash, hubHeight });
      putRegion(ctx.state, {
        ...region,
        validators: verified.nextSet.validators,
        threshold: verified.nextSet.threshold,
        lastHeight: cert.height,
        lastBlockHash: cert.blockHash,
        lastStateRoot: cert.stateRoot,
        lastHubHeight: hubHeight,
      });
      ctx.emit('accepted', {
        chainId: cert.chainId,
        height: cert.height,
        blockHash: toHex(cert.blockHash),
        stateRoot: toHex(cert.stateRoot),
        signers: verified.signers.length,
        weight: verified.weight,
        updated: verified.updated,
      });
    },
  };
}
