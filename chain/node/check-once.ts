/**
 * Checks of frozen messages, once per process, by object identity. The validators of one process
 * (`tfr testnet`) receive the very same frozen object from the in-process network (a vote, a
 * proposal, the last commit of a proposed block) in the same event-loop turn: the first receiver
 * starts the check and the other 98 share its promise, instead of each rebuilding the sign bytes
 * and cache keys (~19,000 vote deliveries a height at 99 validators; a commit carries 99
 * signatures). The result is remembered with `key` (chain and validator set it was checked
 * against); only frozen objects are remembered, so what was checked is what is used (their byte
 * arrays are not written to by anyone, as for every message in this folder).
 */
const checks = new WeakMap<object, { readonly key: string; readonly result: Promise<unknown> }>();

export function checkOnce<T>(message: object, key: string, check: () => Promise<T>): Promise<T> {
  if (!Object.isFrozen(message)) return check();
  const known = checks.get(message);
  if (known !== undefined && known.key === key) return known.result as Promise<T>;
  const result = check();
  checks.set(message, { key, result });
  return result;
}
