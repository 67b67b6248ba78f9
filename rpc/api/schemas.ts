/**
 * The JSON shapes of the RPC, as TypeBox schemas: the server validates requests and serializes
 * responses with them, `/openapi.json` is generated from them, and the client SDK takes its types
 * from them. Portable (TypeBox only), so the SDK can import this file in a browser.
 *
 * Conventions: hashes, keys and raw bytes are lowercase hex; addresses are bech32m with the
 * chain's prefix; amounts are decimal strings of base units; times are RFC 3339 UTC strings.
 */
import { Type, type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

export const Hex = (description: string, bytes?: number) =>
  bytes === undefined
    ? Type.String({ pattern: '^([0-9a-f]{2})*$', description })
    : Type.String({ pattern: `^[0-9a-f]{${bytes * 2}}$`, description });
export const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32-byte hash, lowercase hex' });
export const BaseUnits = Type.String({ pattern: '^(0|[1-9][0-9]{0,38})$', description: 'amount in base units, decimal string' });
export const Time = Type.String({ description: 'RFC 3339 UTC' });
export const Address = Type.String({ minLength: 8, maxLength: 100, description: 'bech32m address with the chain prefix' });

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'stable error code, e.g. LEDGER_NONCE_TOO_LOW' }),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  strict,
);
export type ErrorBody = Static<typeof ErrorBody>;

export const AssetView = Type.Object(
  { id: Type.Union([Type.Literal('TFT'), Type.Literal('REGIONAL')]), symbol: Type.String(), decimals: Type.Integer({ minimum: 0 }) },
  strict,
);

export const Status = Type.Object(
  {
    chainId: Type.String(),
    region: Type.String(),
    nodeVersion: Type.String({ description: 'version of the tfr software' }),
    addressPrefix: Type.String(),
    assets: Type.Array(AssetView, { description: 'TFT, then the regional token' }),
    height: Type.Integer({ minimum: 0, description: 'height of the latest committed block (0 before the first block)' }),
    latestBlockHash: Type.String({ description: 'hex; the genesis hash at height 0' }),
    latestBlockTime: Type.String({ description: 'RFC 3339 UTC, from the block header' }),
    stateRoot: Type.String({ description: 'hex root of the state after the latest block (the next header carries it)' }),
    validators: Type.Integer({ minimum: 0, description: 'number of validators in the set' }),
    round: Type.Integer({ minimum: 0, description: 'consensus round of the height being decided' }),
    anchoredHeight: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'latest height anchored on the Hub; null until anchoring runs' }),
    mempoolSize: Type.Integer({ minimum: 0 }),
    minFee: Type.String({ pattern: '^(0|[1-9][0-9]{0,38})$', description: 'lowest tx fee, base units of the regional token' }),
  },
  strict,
);
export type Status = Static<typeof Status>;

export const EventView = Type.Object(
  {
    module: Type.String(),
    name: Type.String(),
    data: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  },
  strict,
);
export type EventView = Static<typeof EventView>;

export const ValidatorRef = Type.Object({ index: Type.Integer({ minimum: 0 }), name: Type.String() }, strict);

export const BlockHeaderView = Type.Object(
  {
    version: Type.Integer(),
    chainId: Type.String(),
    height: Type.Integer({ minimum: 1 }),
    time: Time,
    parentHash: Hash,
    stateRoot: Hash,
    txsHash: Hash,
    lastResultsHash: Hash,
    proposer: Hex('ed25519 key of the proposer', 32),
    proposerName: Type.String({ description: 'name of the proposer in the validator set ("" if unknown)' }),
    lastCommitHash: Hash,
    evidenceHash: Hash,
    validatorsHash: Hash,
  },
  strict,
);

export const BlockView = Type.Object(
  {
    height: Type.Integer({ minimum: 1 }),
    hash: Hash,
    header: BlockHeaderView,
    txs: Type.Array(Type.Object({ hash: Hash, code: Type.String() }, strict), { description: 'the block txs in order, with their result codes' }),
    lastCommit: Type.Union([
      Type.Object(
        {
          height: Type.Integer({ minimum: 1 }),
          round: Type.Integer({ minimum: 0 }),
          blockHash: Hash,
          signers: Type.Array(ValidatorRef, { description: 'validators whose precommit for the parent block this block carries' }),
          signedPower: Type.Integer({ minimum: 0 }),
          totalPower: Type.Integer({ minimum: 1 }),
        },
        strict,
      ),
      Type.Null(),
    ]),
    evidence: Type.Array(
      Type.Object(
        {
          validator: ValidatorRef,
          height: Type.Integer({ minimum: 1 }),
          round: Type.Integer({ minimum: 0 }),
          type: Type.String({ description: 'prevote or precommit' }),
          blockHashes: Type.Array(Type.Union([Hash, Type.Null()]), { description: 'the two conflicting votes (null = nil)' }),
        },
        strict,
      ),
    ),
  },
  strict,
);
export type BlockView = Static<typeof BlockView>;

export const HeightParams = Type.Object({ height: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'block height' }) }, strict);
export const HashParams = Type.Object({ hash: Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'tx hash, hex' }) }, strict);
export const AddressParams = Type.Object({ address: Address }, strict);

/** POST /txs body: the signed tx's canonical CBOR bytes as hex (what the SDK's `encodeTx` gives). */
export const TxSubmitBody = Type.Object({ tx: Type.String({ pattern: '^([0-9a-fA-F]{2})+$', maxLength: 2 * 64 * 1024, description: 'signed tx bytes, hex' }) }, strict);
export type TxSubmitBody = Static<typeof TxSubmitBody>;

export const MAX_WAIT_MS = 60_000;
export const DEFAULT_WAIT_MS = 15_000;
export const TxSubmitQuery = Type.Object(
  {
    wait: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('commit')], { description: 'commit: answer once the tx is in a committed block' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_WAIT_MS, description: `how long to wait for the commit (default ${DEFAULT_WAIT_MS})` })),
  },
  strict,
);
export type TxSubmitQuery = Static<typeof TxSubmitQuery>;

export const TxSummary = Type.Object(
  {
    sender: Address,
    nonce: Type.Integer({ minimum: 0 }),
    fee: BaseUnits,
    expiry: Type.Integer({ minimum: 0 }),
    module: Type.String(),
    command: Type.String(),
  },
  strict,
);

/** A tx as the node knows it: pending in the mempool, or committed with its result. */
export const TxView = Type.Object(
  {
    hash: Hash,
    status: Type.Union([Type.Literal('pending'), Type.Literal('committed')]),
    height: Type.Optional(Type.Integer({ minimum: 1 })),
    index: Type.Optional(Type.Integer({ minimum: 0 })),
    code: Type.Optional(Type.String({ description: 'OK, or the error code of a failed tx (its fee and nonce were still charged)' })),
    events: Type.Optional(Type.Array(EventView)),
    tx: TxSummary,
  },
  strict,
);
export type TxView = Static<typeof TxView>;

export const Balances = Type.Object({ TFT: BaseUnits, REGIONAL: BaseUnits }, strict);

export const AccountView = Type.Object(
  {
    address: Address,
    height: Type.Integer({ minimum: 0, description: 'the state after this block' }),
    nonce: Type.Integer({ minimum: 0, description: 'nonce in the committed state' }),
    pendingNonce: Type.Integer({ minimum: 0, description: 'the nonce a new tx must carry: the committed nonce plus the sender\'s txs waiting in the mempool' }),
    balances: Balances,
  },
  strict,
);
export type AccountView = Static<typeof AccountView>;

export const ValidatorView = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    name: Type.String(),
    address: Address,
    publicKey: Hex('ed25519 key', 32),
    power: Type.Integer({ minimum: 1 }),
    signed: Type.Integer({ minimum: 0, description: 'blocks of the window whose commit carries this validator' }),
  },
  strict,
);
export const ValidatorsView = Type.Object(
  {
    height: Type.Integer({ minimum: 0 }),
    window: Type.Integer({ minimum: 0, description: 'how many of the latest blocks `signed` counts (up to 100)' }),
    totalPower: Type.Integer({ minimum: 1 }),
    validators: Type.Array(ValidatorView),
  },
  strict,
);
export type ValidatorsView = Static<typeof ValidatorsView>;

export const ProofTerminalView = Type.Union([
  Type.Object({ kind: Type.Literal('empty') }, strict),
  Type.Object({ kind: Type.Literal('leaf'), keyHash: Hash, valueHash: Hash }, strict),
]);
export const MerkleProofView = Type.Object(
  { depth: Type.Integer({ minimum: 0, maximum: 256 }), bitmap: Hex('which levels have a non-empty sibling'), siblings: Type.Array(Hash), terminal: ProofTerminalView },
  strict,
);

export const AccountProofView = Type.Object(
  {
    address: Address,
    height: Type.Integer({ minimum: 0, description: 'the proof is of the state after this block' }),
    stateRoot: Hash,
    key: Hex('state key of the account'),
    value: Type.Union([Hex('the stored account record (canonical CBOR)'), Type.Null()], { description: 'null: the account is not in the state (proof of absence)' }),
    account: Type.Object({ nonce: Type.Integer({ minimum: 0 }), balances: Balances }, strict),
    proof: MerkleProofView,
  },
  strict,
);
export type AccountProofView = Static<typeof AccountProofView>;

export const EventsQuery = Type.Object(
  {
    kinds: Type.Optional(Type.String({ pattern: '^(block|tx)(,(block|tx))?$', description: 'comma list of block, tx (default both)' })),
    address: Type.Optional(Address),
    module: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', description: 'only txs of this module' })),
  },
  strict,
);
export type EventsQuery = Static<typeof EventsQuery>;

/** Messages of the GET /events WebSocket (server to client, JSON text frames). */
export const BlockMessage = Type.Object(
  {
    kind: Type.Literal('block'),
    height: Type.Integer({ minimum: 1 }),
    hash: Hash,
    time: Time,
    proposer: Type.String(),
    txs: Type.Integer({ minimum: 0 }),
    signers: Type.Integer({ minimum: 0, description: 'precommits in the commit of this block' }),
    stateRoot: Hash,
  },
  strict,
);
export const TxMessage = Type.Object(
  { kind: Type.Literal('tx'), hash: Hash, height: Type.Integer({ minimum: 1 }), index: Type.Integer({ minimum: 0 }), code: Type.String(), tx: TxSummary, events: Type.Array(EventView) },
  strict,
);
export type BlockMessage = Static<typeof BlockMessage>;
export type TxMessage = Static<typeof TxMessage>;
export type EventMessage = BlockMessage | TxMessage;

/** GET /features: which application parts this chain has, so a client (the explorer page) asks only for what exists. */
export const FeaturesView = Type.Object(
  {
    height: Type.Integer({ minimum: 0, description: 'the state read is the one after this block' }),
    role: Type.Union([Type.Literal('region'), Type.Literal('hub')], { description: 'hub: the chain with an `anchor` genesis section; region: any other' }),
    pool: Type.Boolean({ description: 'a TFT / regional-token pool (the /pool routes answer)' }),
    dao: Type.Boolean({ description: 'a DAO (the /dao routes answer)' }),
    farming: Type.Boolean({ description: 'a farming registry (the /farming routes answer)' }),
    bridge: Type.Boolean({ description: 'a TFT bridge: the Hub, or a region whose genesis has a `hub` section (GET /bridge/transfers/:id answers)' }),
  },
  strict,
);
export type FeaturesView = Static<typeof FeaturesView>;
