/**
 * The JSON shapes of anchoring and the bridge (GET /anchors, GET /bridge/transfers/:id) and of the
 * generic state proof (GET /proofs/state), as TypeBox schemas. Portable (TypeBox only), like
 * schemas.ts: the SDK and the relayer take their types from here. Bytes are lowercase hex,
 * amounts decimal strings of base units.
 */
import { Type, type Static } from 'typebox';
import { BaseUnits, Hash, Hex } from './schemas.ts';

const strict = { additionalProperties: false } as const;

/** Genesis chain ids: 1..64 of a-z, 0-9, "-". */
export const ChainIdText = Type.String({ pattern: '^[a-z0-9-]{1,64}$', description: 'chain id' });
/** State keys are short; 1 KiB bounds what a client may ask to prove. */
export const MAX_STATE_KEY_BYTES = 1024;

export const StateProofQuery = Type.Object(
  {
    key: Type.String({ pattern: `^([0-9a-fA-F]{2}){1,${MAX_STATE_KEY_BYTES}}$`, description: 'the state key, hex (1..1024 bytes)' }),
    height: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'block whose header stateRoot the proof is against (the state after height - 1); default the latest block' })),
  },
  strict,
);
export type StateProofQuery = Static<typeof StateProofQuery>;

export const StateProofView = Type.Object(
  {
    height: Type.Integer({ minimum: 1, description: 'the block whose header carries `stateRoot`' }),
    stateRoot: Hash,
    header: Hex('the encoded header of block `height` (chain/block/block-codec.ts encodeHeader)'),
    commit: Hex('the encoded commit (+2/3 precommits) that decided block `height` (encodeCommit)'),
    key: Hex('the state key'),
    value: Type.Union([Hex('the exact value bytes'), Type.Null()], { description: 'null: the key is absent (the proof shows its absence)' }),
    proof: Hex('the Merkle proof (chain/state/proof-codec.ts encodeProof) of key and value against stateRoot'),
  },
  strict,
);
export type StateProofView = Static<typeof StateProofView>;

export const MAX_ANCHOR_LIST = 50;
export const DEFAULT_ANCHOR_LIST = 10;

export const AnchorsQuery = Type.Object(
  {
    region: Type.Optional(ChainIdText),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$', description: `certificates per list, 1..${MAX_ANCHOR_LIST} (default ${DEFAULT_ANCHOR_LIST})` })),
  },
  strict,
);
export type AnchorsQuery = Static<typeof AnchorsQuery>;

export const CertificateView = Type.Object(
  {
    chainId: Type.String(),
    height: Type.Integer({ minimum: 1 }),
    blockHash: Hash,
    stateRoot: Hash,
    validatorsHash: Hash,
    signers: Hex('signer bitmap over the sorted certificate validator set'),
    signature: Hex('aggregate BLS signature', 96),
    signerCount: Type.Integer({ minimum: 0 }),
    signedWeight: Type.Integer({ minimum: 0 }),
    threshold: Type.Integer({ minimum: 0, description: 'weight the signers must reach' }),
    aggregate: Hex('the aggregate certificate, canonical CBOR (certificate.ts encodeAggregate): what anchor.submit carries'),
  },
  strict,
);
export type CertificateView = Static<typeof CertificateView>;

export const AnchorSetView = Type.Object(
  {
    hash: Hash,
    threshold: Type.Integer({ minimum: 1 }),
    totalWeight: Type.Integer({ minimum: 1 }),
    validators: Type.Integer({ minimum: 1, description: 'number of validators in the certificate set' }),
  },
  strict,
);

export const ReceiptView = Type.Object(
  {
    height: Type.Integer({ minimum: 0, description: 'the anchored region height' }),
    blockHash: Hash,
    stateRoot: Hash,
    hubHeight: Type.Integer({ minimum: 0, description: 'Hub block that accepted the certificate' }),
    provenAtHubHeight: Type.Integer({ minimum: 0, description: 'Hub block whose header proved the receipt' }),
  },
  strict,
);
export type ReceiptView = Static<typeof ReceiptView>;

export const AnchoredView = Type.Object(
  { height: Type.Integer({ minimum: 1 }), blockHash: Hash, stateRoot: Hash, validatorsHash: Hash, hubHeight: Type.Integer({ minimum: 0 }) },
  strict,
);
export type AnchoredView = Static<typeof AnchoredView>;

export const ForkView = Type.Object(
  { height: Type.Integer({ minimum: 1 }), acceptedBlockHash: Hash, conflictingBlockHash: Hash, hubHeight: Type.Integer({ minimum: 0 }) },
  strict,
);
export type ForkView = Static<typeof ForkView>;

export const RegionView = Type.Object(
  {
    chainId: Type.String(),
    registeredHeight: Type.Integer({ minimum: 0 }),
    lastHeight: Type.Integer({ minimum: 0, description: 'last accepted certificate height (0: none yet)' }),
    lastBlockHash: Hash,
    lastStateRoot: Hash,
    lastHubHeight: Type.Integer({ minimum: 0, description: 'Hub block that accepted it' }),
    frozen: Type.Boolean({ description: "true once fork evidence is recorded: the region's bridge refuses everything" }),
    threshold: Type.Integer({ minimum: 0 }),
    validators: Type.Integer({ minimum: 0 }),
    totalWeight: Type.Integer({ minimum: 0 }),
    validatorsHash: Hash,
    certificates: Type.Array(AnchoredView, { description: 'accepted certificates, newest first' }),
    forks: Type.Array(ForkView, { description: 'fork evidence found at the heights looked at' }),
  },
  strict,
);
export type RegionView = Static<typeof RegionView>;

export const AnchorsView = Type.Object(
  {
    role: Type.Union([Type.Literal('hub'), Type.Literal('region')]),
    chainId: Type.String(),
    height: Type.Integer({ minimum: 0, description: 'the state read is the one after this block' }),
    anchorInterval: Type.Integer({ minimum: 1 }),
    hubChainId: Type.Union([Type.String(), Type.Null()], { description: "region: the Hub's chain id (null: no bridge); Hub: its own" }),
    validatorSet: Type.Union([AnchorSetView, Type.Null()], { description: "region: its certificate validator set; null on the Hub" }),
    receipt: Type.Union([ReceiptView, Type.Null()], { description: "region: the Hub's latest receipt (null before the first)" }),
    anchoredHeight: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    certificates: Type.Array(CertificateView, { description: "region: the latest aggregate certificates its validators formed, newest first; [] on the Hub or without a collector" }),
    regions: Type.Array(RegionView, { description: 'Hub: the registered regions (those of its genesis, or the one asked for); [] on a region' }),
  },
  strict,
);
export type AnchorsView = Static<typeof AnchorsView>;

export const TransferIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'transfer id, 32 bytes hex' }) }, strict);

export const TransferRecordView = Type.Object(
  {
    source: Type.String(),
    destination: Type.String(),
    sender: Hex('20 address bytes on the source chain', 20),
    recipient: Hex('20 address bytes on the destination chain', 20),
    amount: BaseUnits,
    height: Type.Integer({ minimum: 0, description: 'source block that recorded it' }),
    key: Hex('its state key on the source chain'),
    record: Hex('the exact stored bytes (what the destination proves)'),
  },
  strict,
);
export type TransferRecordView = Static<typeof TransferRecordView>;

export const ClaimView = Type.Object(
  { recipient: Hex('20 address bytes of the recipient', 20), amount: BaseUnits, height: Type.Integer({ minimum: 0, description: 'block that paid it' }) },
  strict,
);
export type ClaimView = Static<typeof ClaimView>;

export const BridgeTransferView = Type.Object(
  {
    id: Hash,
    chainId: Type.String(),
    height: Type.Integer({ minimum: 0 }),
    status: Type.Union([Type.Literal('sent'), Type.Literal('claimed')], { description: 'sent: this chain is the source (it cannot know whether the destination paid); claimed: this chain paid it' }),
    transfer: Type.Union([TransferRecordView, Type.Null()]),
    claim: Type.Union([ClaimView, Type.Null()]),
  },
  strict,
);
export type BridgeTransferView = Static<typeof BridgeTransferView>;
