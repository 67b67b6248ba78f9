/**
 * Genesis time: RFC 3339 in UTC with an uppercase "Z", e.g. "2026-11-01T00:00:00Z", optionally with
 * 1 to 3 fraction digits ("...:00.250Z"), between 1970 and 9999. Offsets other than Z, lowercase
 * "t"/"z", leap seconds (":60") and finer than millisecond precision are rejected, so every accepted
 * string denotes exactly one millisecond count and reads the same to everyone.
 */
const RFC3339_UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Milliseconds since the Unix epoch, or undefined if `s` is not such a time. */
export function parseGenesisTime(s: string): number | undefined {
  const m = RFC3339_UTC_RE.exec(s);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '').padEnd(3, '0'));
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2026-02-30 over into March: the day must survive the round trip.
  if (new Date(t).getUTCDate() !== day) return undefined;
  return t;
}

/** "2026-11-01T00:00:00Z" (milliseconds shown only when not zero). */
export function formatGenesisTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
