/**
 * GET /anchors: on a region, its anchor interval, certificate validator set, the Hub's latest
 * receipt (anchored height) and the newest aggregate certificates its validators formed; on the
 * Hub, every registered region of its genesis (or the one `?region=` names) with its last
 * accepted certificate, freeze flag, validator set and recent accepted certificates.
 * GET /bridge/transfers/:id: a bridge transfer as this chain knows it: sent from here (the
 * TransferRecord) or claimed here (the ClaimRecord).
 * Every answer is of one committed state, the one after block `height`.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { anchoredCertificateCodec, anchorReceiptCodec, forkEvidenceCodec, regionRecordCodec, type AnchoredCertificate, type ForkEvidence } from '../../chain/anchor/hub-records.ts';
import { claimRecordCodec, transferRecordCodec } from '../../chain/anchor/bridge-records.ts';
import { ChainError } from '../../chain/errors.ts';
import type { StateReader } from '../../chain/execution/state-access.ts';
import { AnchorsQuery, AnchorsView, BridgeTransferView, DEFAULT_ANCHOR_LIST, MAX_ANCHOR_LIST, TransferIdParams, type RegionView } from '../api/anchor-schemas.ts';
import { ErrorBody } from '../api/schemas.ts';
import type { AnchorPort } from './anchor-port.ts';
import { certificateView, claimView, receiptView, regionView, transferRecordView } from './anchor-views.ts';
import { atOneHeight } from './chain-snapshot.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';

/** Heights probed below a region's last accepted one for older certificates and fork evidence. */
const PROBES_PER_LISTED = 4;

/** The height the region's latest receipt anchors, null before the first (and on the Hub). */
export async function anchoredHeightOf(state: StateReader): Promise<number | null> {
  const bytes = await state.get(bridgeKeys.receipt());
  return bytes === undefined ? null : anchorReceiptCodec.decode(bytes).height;
}

/**
 * A region as the Hub stores it. There are no range scans over the state tree, so older accepted
 * certificates are looked up at multiples of `step` (the Hub's anchor interval) below the last
 * accepted height: a height a relayer skipped has none.
 */
async function readRegion(state: StateReader, chainId: string, limit: number, step: number): Promise<RegionView | undefined> {
  const bytes = await state.get(anchorKeys.region(chainId));
  if (bytes === undefined) return undefined;
  const region = regionRecordCodec.decode(bytes);
  const certificates: AnchoredCertificate[] = [];
  const forks: ForkEvidence[] = [];
  const heights: number[] = [];
  if (region.lastHeight > 0) {
    heights.push(region.lastHeight);
    const below = region.lastHeight - (region.lastHeight % step === 0 ? step : region.lastHeight % step);
    for (let h = below; h >= 1 && heights.length < limit * PROBES_PER_LISTED; h -= step) heights.push(h);
  }
  for (const h of heights) {
    if (certificates.length >= limit) break;
    const [c, f] = await Promise.all([state.get(anchorKeys.certificate(chainId, h)), state.get(anchorKeys.fork(chainId, h))]);
    if (c !== undefined) certificates.push(anchoredCertificateCodec.decode(c));
    if (f !== undefined && forks.length < limit) forks.push(forkEvidenceCodec.decode(f));
  }
  return regionView(region, certificates, forks);
}

export function registerAnchorRoutes(app: FastifyInstance, node: RpcNode, port: AnchorPort): void {
  const g = node.genesis;
  app.get<{ Querystring: Static<typeof AnchorsQuery> }>(
    '/anchors',
    {
      schema: {
        summary: 'Anchoring: on a region its certificates and the Hub receipt; on the Hub every region',
        description:
          'Region: `anchorInterval`, its certificate validator set, the Hub\'s latest `receipt` (`anchoredHeight`), and `certificates`: the newest aggregates its validators formed (newest first), ' +
          'each with the `aggregate` bytes anchor.submit carries. Hub: `regions`, those of its genesis or the one `?region=` names (404 ANCHOR_UNKNOWN_REGION if not registered), ' +
          'each with its last accepted certificate, `frozen`, its validator set and its recent accepted certificates. `limit` (1..50, default 10) bounds every list.',
        tags: ['anchoring'],
        querystring: AnchorsQuery,
        response: { 200: AnchorsView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const limit = req.query.limit === undefined ? DEFAULT_ANCHOR_LIST : Number(req.query.limit);
      if (limit > MAX_ANCHOR_LIST) throw new RpcError('RPC_BAD_REQUEST', `limit must be 1..${MAX_ANCHOR_LIST}, got ${limit}`, { part: 'querystring', path: '/limit' });
      const asked = req.query.region;
      if (asked !== undefined && port.role !== 'hub') throw new RpcError('RPC_BAD_REQUEST', '?region= applies on the Hub; this chain is a region', { part: 'querystring', path: '/region' });
      return atOneHeight(node, async (tip, state): Promise<AnchorsView> => {
        const base = { role: port.role, chainId: g.chainId, height: tip.height, anchorInterval: g.consensus.anchorInterval, hubChainId: port.hubChainId ?? null };
        if (port.role === 'hub') {
          const ids = asked === undefined ? port.genesisRegions : [asked];
          const regions: RegionView[] = [];
          for (const id of ids) {
            const r = await readRegion(state, id, limit, g.consensus.anchorInterval);
            if (r !== undefined) regions.push(r);
            else if (asked !== undefined) throw new ChainError('ANCHOR_UNKNOWN_REGION', `no region ${JSON.stringify(asked)} is registered on this Hub`, { region: asked });
          }
          return { ...base, validatorSet: null, receipt: null, anchoredHeight: null, certificates: [], regions };
        }
        const receiptBytes = await state.get(bridgeKeys.receipt());
        const receipt = receiptBytes === undefined ? null : anchorReceiptCodec.decode(receiptBytes);
        const set = port.anchorSet;
        return {
          ...base,
          validatorSet: set === undefined ? null : { hash: toHex(set.hash), threshold: set.threshold, totalWeight: set.totalWeight, validators: set.validators.length },
          receipt: receipt === null ? null : receiptView(receipt),
          anchoredHeight: receipt?.height ?? null,
          certificates: (port.collector?.latest(limit) ?? []).slice(0, limit).map((a) => certificateView(a, set)),
          regions: [],
        };
      });
    },
  );

  app.get<{ Params: Static<typeof TransferIdParams> }>(
    '/bridge/transfers/:id',
    {
      schema: {
        summary: 'A bridge transfer as this chain knows it: sent from here, or claimed here',
        description:
          '`status` "sent": this chain is the source and holds the TransferRecord (`record` is what the destination proves; the source cannot know whether it was claimed there). ' +
          '"claimed": this chain paid it (the ClaimRecord). 404 BRIDGE_UNKNOWN_TRANSFER otherwise; 404 BRIDGE_NOT_CONFIGURED on a chain without a bridge.',
        tags: ['anchoring'],
        params: TransferIdParams,
        response: { 200: BridgeTransferView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      if (port.hubChainId === undefined) throw new ChainError('BRIDGE_NOT_CONFIGURED', 'this chain has no bridge (its genesis has no "hub" section)');
      const id = fromHexStrict(req.params.id.toLowerCase())!;
      return atOneHeight(node, async (tip, state): Promise<BridgeTransferView> => {
        const key = bridgeKeys.transfer(id);
        const [sent, claimed] = await Promise.all([state.get(key), state.get(bridgeKeys.claim(id))]);
        if (sent === undefined && claimed === undefined) throw new ChainError('BRIDGE_UNKNOWN_TRANSFER', `no bridge transfer ${req.params.id.toLowerCase()} was sent from or claimed on this chain`, { id: req.params.id.toLowerCase() });
        return {
          id: req.params.id.toLowerCase(),
          chainId: g.chainId,
          height: tip.height,
          status: claimed !== undefined ? 'claimed' : 'sent',
          transfer: sent === undefined ? null : transferRecordView(transferRecordCodec.decode(sent), key, sent),
          claim: claimed === undefined ? null : claimView(claimRecordCodec.decode(claimed)),
        };
      });
    },
  );
}
