/**
 * The region's anchored checkpoint as `tfr node --hub-rpc` takes it from the Hub: **proven**, not
 * read from the RPC's JSON. The Hub RPC is asked for its tip (`GET /anchors?region=<chainId>`) and
 * for the Merkle proof of its `RegionRecord` of this region at that height with the header and
 * commit (`GET /proofs/state`: what the relayer carries to `bridge.receipt`); the proof is checked
 * as the region's bridge module checks a receipt (`verifyHubProof` against the genesis's `hub`
 * section: the header is the Hub's, > 2/3 of the Hub validators' power signed its commit, the
 * record's exact bytes are in its stateRoot), and the checkpoint is the proven record's.
 *
 * A lying or compromised RPC can then not forge a checkpoint; what it can still do is answer with
 * an older genuine Hub state (an earlier checkpoint of the real chain, which only weakens), or
 * refuse to answer (the start stops). Refusals keep one style: RpcError, message prefixed
 * `--hub-rpc URL:` and ending with what to do instead. A proof that does not verify keeps the
 * verifier's code (BRIDGE_BAD_HUB_COMMIT: header or commit; BRIDGE_BAD_PROOF: the Merkle proof);
 * an RPC that contradicts itself or its own proof is RPC_BAD_RESPONSE.
 *
 * A genesis without a `hub` section names no Hub validators, so nothing can be proven: the JSON is
 * taken as before (the built-in relayer of a region that only anchors needs it) and the answer says
 * `provenAt: undefined`, which the node prints and logs as not proven.
 */
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import type { HubProof } from '../../chain/anchor/anchor-params.ts';
import { hubSectionOf } from '../../chain/anchor/bridge-genesis.ts';
import { decodeRegionRecord } from '../../chain/anchor/bridge-state.ts';
import type { RegionRecord } from '../../chain/anchor/hub-records.ts';
import { verifyHubProof, type HubConfig } from '../../chain/anchor/hub-proof.ts';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import type { AnchorCheckpoint } from '../../chain/node/anchor/anchored-checkpoint.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import type { RegionView, StateProofView } from '../api/anchor-schemas.ts';
import { hubProofOf, provenValue } from '../client/bridge.ts';
import type { TfrClient } from '../client/client.ts';
import { RpcError } from '../client/rpc-error.ts';
import { hubChainIdOf } from '../server/anchor-port.ts';

/** What the Hub anchored of this region. */
export interface HubCheckpoint {
  readonly hubChainId: string;
  /** undefined: the Hub has accepted no certificate of the region yet. */
  readonly checkpoint: AnchorCheckpoint | undefined;
  /** The Hub holds fork evidence against the region (its bridge is frozen); the checkpoint is still the accepted chain. */
  readonly frozen: boolean;
  /** The Hub height whose header (committed by the genesis's Hub validators) proved the record; undefined: not proven (no `hub` section). */
  readonly provenAt: number | undefined;
}

type Fail = (code: string, message: string, status?: number) => RpcError;

/**
 * The Hub's record of `genesis`'s region, proven at the Hub's tip. Refuses (RPC_BAD_RESPONSE) an
 * RPC that is not a Hub, another Hub than the genesis's `hub` section names, an answer about
 * another region, a proof at another height or an RPC whose /anchors contradicts its proof; a
 * proof that does not verify keeps verifyHubProof's code; a Hub with no block yet is
 * RPC_BLOCK_NOT_FOUND; the Hub's own codes (ANCHOR_UNKNOWN_REGION) and the client's
 * (RPC_UNREACHABLE, RPC_TIMEOUT) pass through; all prefixed with the URL.
 */
export async function hubCheckpoint(hub: TfrClient, genesis: Genesis): Promise<HubCheckpoint> {
  const region = genesis.chainId;
  const fail: Fail = (code, message, status = 0) =>
    new RpcError(code, `--hub-rpc ${hub.url}: ${message} (to start without asking the Hub, give --trusted-checkpoint HEIGHT:BLOCKHASH or leave --hub-rpc out)`, status);
  const view = await asked(fail, () => hub.anchors({ region, limit: 1 }));
  if (view.role !== 'hub') throw fail('RPC_BAD_RESPONSE', `${view.chainId} is not a Hub (its /anchors says role ${view.role})`);
  const expected = hubChainIdOf(genesis);
  if (expected !== undefined && expected !== view.chainId) throw fail('RPC_BAD_RESPONSE', `the genesis of ${region} bridges to Hub ${expected}, but this RPC is ${view.chainId}`);
  const r = view.regions[0];
  if (r === undefined || r.chainId !== region) throw fail('RPC_BAD_RESPONSE', `asked for region ${region}, the Hub answered ${r === undefined ? 'no region' : `region ${r.chainId}`}`);
  const config = hubSectionOf(genesis);
  if (config === undefined) return unproven(view.chainId, r, fail);
  if (view.height < 1) throw fail('RPC_BLOCK_NOT_FOUND', `Hub ${view.chainId} has committed no block yet, so nothing proves its record of ${region}; start again after its first block`);
  const { record, at } = await provenRecord(hub, config, region, view.height, fail);
  // The /anchors state (after block view.height) is never older than the proven one (after at - 1),
  // and an anchored height's block never changes, nor does a freeze go away: anything else is a lie.
  if (record.lastHeight > r.lastHeight || (record.lastHeight === r.lastHeight && toHex(record.lastBlockHash) !== r.lastBlockHash.toLowerCase()) || (record.frozen && !r.frozen)) {
    throw fail(
      'RPC_BAD_RESPONSE',
      `its /anchors says ${recordText(r.lastHeight, r.lastBlockHash, r.frozen)}, but the record it proves at Hub height ${at} says ${recordText(record.lastHeight, toHex(record.lastBlockHash), record.frozen)}: the RPC contradicts its own proof`,
    );
  }
  const checkpoint = record.lastHeight === 0 ? undefined : { height: record.lastHeight, blockHash: record.lastBlockHash };
  return { hubChainId: view.chainId, checkpoint, frozen: record.frozen, provenAt: at };
}

/** The client call, its RpcError re-issued with the URL prefix and the hint. */
async function asked<T>(fail: Fail, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof RpcError) throw fail(e.code, e.message, e.status);
    throw e;
  }
}

/**
 * The region record at Hub height `tip` (or `tip - 1` when the RPC holds no commit of its tip
 * yet, as /proofs/state says), checked by verifyHubProof, decoded.
 */
async function provenRecord(hub: TfrClient, config: HubConfig, region: string, tip: number, fail: Fail): Promise<{ record: RegionRecord; at: number }> {
  const key = anchorKeys.region(region);
  const proofAt = (height: number): Promise<StateProofView> => asked(fail, () => hub.stateProof(key, height));
  let at = tip;
  let view: StateProofView;
  try {
    view = await proofAt(at);
  } catch (e) {
    // A node may hold no commit of its tip yet (the next block brings it): the block before then.
    if (!(e instanceof RpcError && e.code === 'RPC_COMMIT_NOT_FOUND' && tip > 1)) throw e;
    at = tip - 1;
    view = await proofAt(at);
  }
  if (view.value === null) throw fail('RPC_BAD_RESPONSE', `its /anchors lists region ${region}, but its state proof at Hub height ${at} says the Hub holds no record of it`);
  let value: Uint8Array;
  let hubProof: HubProof;
  try {
    value = provenValue(view);
    hubProof = hubProofOf(view);
  } catch (e) {
    if (!isChainError(e)) throw e;
    throw fail('RPC_BAD_RESPONSE', `its state proof at Hub height ${at} is malformed: ${e.message}`);
  }
  let height: number;
  try {
    height = verifyHubProof(config, hubProof, key, value).height;
  } catch (e) {
    if (!isChainError(e)) throw e;
    throw fail(e.code, `its proof of the Hub's record of ${region} at Hub height ${at} does not verify against the Hub validators of the genesis: ${e.message}`);
  }
  if (height !== at) throw fail('RPC_BAD_RESPONSE', `asked for the proof at Hub height ${at}, it answered one against the header of Hub height ${height}`);
  let record: RegionRecord;
  try {
    record = decodeRegionRecord(value);
  } catch (e) {
    if (!isChainError(e)) throw e;
    throw fail('RPC_BAD_RESPONSE', `the value the Hub proves for ${region} is not a region record: ${e.message}`);
  }
  if (record.chainId !== region) throw fail('RPC_BAD_RESPONSE', `the record proven under ${region}'s key is of region ${record.chainId}`);
  return { record, at };
}

/** A genesis without a `hub` section: the /anchors JSON as it is (nothing to check it against). */
function unproven(hubChainId: string, r: RegionView, fail: Fail): HubCheckpoint {
  if (r.lastHeight === 0) return { hubChainId, checkpoint: undefined, frozen: r.frozen, provenAt: undefined };
  const blockHash = fromHexStrict(r.lastBlockHash.toLowerCase());
  if (blockHash === undefined || blockHash.length !== 32) throw fail('RPC_BAD_RESPONSE', `lastBlockHash ${JSON.stringify(r.lastBlockHash)} is not 32 bytes of hex`);
  return { hubChainId, checkpoint: { height: r.lastHeight, blockHash }, frozen: r.frozen, provenAt: undefined };
}

function recordText(height: number, blockHash: string, frozen: boolean): string {
  return `anchored height ${height}, block ${blockHash}${frozen ? ', frozen' : ''}`;
}
