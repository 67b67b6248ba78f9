/** URL building for the client: a base URL (with or without a path or a trailing slash) plus a route. */

export function joinUrl(base: string, path: string, query: Readonly<Record<string, string | undefined>> = {}): string {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** The WebSocket URL of a route on an http(s) base: ws:// for http://, wss:// for https://. */
export function wsUrl(base: string, path: string, query: Readonly<Record<string, string | undefined>> = {}): string {
  const u = new URL(joinUrl(base, path, query));
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.toString();
}
