// Addresses on plain SIP transports: our sent-by, and where a response goes (RFC 3261 §18.2.2, RFC 3581).

/** `host:port` as SIP writes it (IPv6 in brackets). */
export function hostPortText(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const SENT_BY = /^SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z]+\s+(\[[^\]]+\]|[^\s;:]+)(?::(\d{1,5}))?/i;

/**
 * Where a response over UDP goes: back to the address the request came from (the `received`
 * rule), to the source port when the request asked for rport (RFC 3581), else to the Via's
 * port (5060 when none). The host in the Via is never used: a peer cannot aim our responses
 * at a third party.
 */
export function responseTarget(raw: string, sourceAddress: string, sourcePort: number): { address: string; port: number } {
  const via = firstVia(raw);
  if (!via) return { address: sourceAddress, port: sourcePort };
  const params = via.split(';').slice(1).map((p) => p.trim().toLowerCase());
  if (params.some((p) => p === 'rport' || p.startsWith('rport='))) return { address: sourceAddress, port: sourcePort };
  const port = Number(SENT_BY.exec(via)?.[2] ?? 5060);
  return { address: sourceAddress, port: port >= 1 && port <= 65535 ? port : sourcePort };
}

function firstVia(raw: string): string | undefined {
  const m = /\r\n(?:via|v)\s*:\s*([^\r\n]*)/i.exec(raw);
  return m?.[1]?.split(',')[0]?.trim();
}
