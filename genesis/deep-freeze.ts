/**
 * Deep freezing of parsed genesis values.
 *
 * - Plain objects and arrays: Object.freeze, recursively.
 * - BN amounts: frozen too, so a mutating method (`iadd`, `isubn`, ...) on a genesis amount throws
 *   instead of silently changing the genesis. bn.js's own read-only methods re-assign `negative`
 *   and `length` with their unchanged values (e.g. `toArray` on zero), which a plain Object.freeze
 *   would turn into a TypeError; those two become accessors that accept only the value they hold.
 * - Uint8Array (keys, address bytes): JavaScript cannot freeze typed arrays with elements. The
 *   genesis owns its copies; treat them as read-only.
 * - Maps and Sets cannot be frozen; application sections should return plain objects and arrays.
 */
import BN from 'bn.js';

function freezeBn(value: BN): void {
  const target = value as unknown as { negative: number; length: number; words: number[] };
  for (const prop of ['negative', 'length'] as const) {
    const fixed = target[prop];
    Object.defineProperty(target, prop, {
      enumerable: true,
      configurable: false,
      get: () => fixed,
      set: (next: number) => {
        if (next !== fixed) throw new TypeError(`cannot change a frozen amount (${prop})`);
      },
    });
  }
  Object.freeze(target.words);
  Object.freeze(target);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  if (BN.isBN(value)) {
    freezeBn(value);
    return value;
  }
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}
