/** Helpers of the RPC tests: signed txs for the rpc-chain fixture, balances, JSON requests. */
import BN from 'bn.js';
import { expect } from 'chai';
import type { LightMyRequestResponse } from 'fastify';
import { toHex } from '../../chain/codec/bytes.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { amountToBytes } from '../../chain/amount.ts';
import { decodeAddress, encodeAddress } from '../../chain/crypto/addresses.ts';
import type { Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../../chain/ledger/module-accounts.ts';
import { signTx } from '../../chain/tx/sign-tx.ts';
import { encodeSignedTx } from '../../chain/tx/tx-codec.ts';
import type { RpcChain } from '../fixtures/rpc-chain.ts';

export interface TxFields {
  nonce: number;
  fee?: BN;
  expiry?: number;
  chainId?: string;
}

export function rpcTx(c: RpcChain, key: Ed25519KeyPair, module: string, command: string, params: CborValue, o: TxFields): Uint8Array {
  const tx = { chainId: o.chainId ?? c.genesis.chainId, sender: key.publicKey, nonce: o.nonce, fee: o.fee ?? c.genesis.ledger.minFee, expiry: o.expiry ?? 1_000_000, body: { module, command, params } };
  return encodeSignedTx(signTx(tx, key.secret));
}

export function rpcTransfer(c: RpcChain, from: string, to: string, asset: string, amount: BN, o: TxFields): Uint8Array {
  return rpcTx(c, c.key(from), 'ledger', 'transfer', [decodeAddress(c.address(to), c.genesis.addressPrefix), asset, amountToBytes(amount)], o);
}

export function treasuryAddress(c: RpcChain): string {
  return encodeAddress(c.genesis.addressPrefix, moduleAccountAddress(TREASURY_ACCOUNT));
}

export async function getJson(c: RpcChain, url: string): Promise<LightMyRequestResponse> {
  return c.app.inject({ method: 'GET', url });
}

export async function submit(c: RpcChain, bytes: Uint8Array, query = ''): Promise<LightMyRequestResponse> {
  return c.app.inject({ method: 'POST', url: `/txs${query}`, payload: { tx: toHex(bytes) } });
}

export async function account(c: RpcChain, address: string): Promise<{ address: string; height: number; nonce: number; pendingNonce: number; balances: { TFT: string; REGIONAL: string } }> {
  const r = await getJson(c, `/accounts/${address}`);
  expect(r.statusCode, r.body).to.equal(200);
  return r.json();
}

/** Asserts an error response: status, stable code, and the `{ code, message }` shape. */
export function expectError(r: LightMyRequestResponse, status: number, code: string): void {
  expect(r.statusCode, r.body).to.equal(status);
  const body = r.json();
  expect(body.code, r.body).to.equal(code);
  expect(body.message).to.be.a('string').and.not.equal('');
}
