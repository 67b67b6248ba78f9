/**
 * The in-memory twin of SignerStateStore. Hooks model crashes: `beforeSave` throwing is a crash
 * before the state reached the disk (nothing saved), `afterSave` throwing a crash after it did
 * (saved, but the signer never got to return the signature). Values are copied in and out.
 */
import type { LastSigned, SignerStateStore } from './signer-state.ts';

export interface MemorySignerStateHooks {
  readonly beforeSave?: (state: LastSigned) => void;
  readonly afterSave?: (state: LastSigned) => void;
}

export class MemorySignerState implements SignerStateStore {
  #state: LastSigned | null = null;
  readonly #hooks: MemorySignerStateHooks;

  constructor(hooks: MemorySignerStateHooks = {}) {
    this.#hooks = hooks;
  }

  async load(): Promise<LastSigned | null> {
    return this.#state === null ? null : copy(this.#state);
  }

  async save(state: LastSigned): Promise<void> {
    this.#hooks.beforeSave?.(state);
    this.#state = copy(state);
    this.#hooks.afterSave?.(state);
  }
}

function copy(s: LastSigned): LastSigned {
  return { height: s.height, round: s.round, step: s.step, messageHash: s.messageHash.slice(), signature: s.signature.slice() };
}
