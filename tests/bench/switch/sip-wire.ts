// Just enough SIP text handling for the load generator: parse a message, copy headers into a
// response, build requests. Not a general parser: it trusts the peers (kefu, Kamailio).
import { randomBytes } from 'node:crypto';

export interface SipMessage {
  readonly isRequest: boolean;
  readonly method: string; // request method, or the CSeq method of a response
  readonly status: number; // 0 for requests
  readonly ruri: string;
  /** Header lines as received, in order: [lower-case name, raw value]. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };

export function parseSip(raw: string): SipMessage | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end + 4);
  const lines = head.split('\r\n');
  const start = lines[0] ?? '';
  const headers: Array<[string, string]> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()]);
  }
  const cseq = headers.find((h) => h[0] === 'cseq')?.[1] ?? '';
  if (start.startsWith('SIP/2.0 ')) {
    return { isRequest: false, method: cseq.split(/\s+/)[1] ?? '', status: Number(start.split(' ')[1]), ruri: '', headers, body };
  }
  const [method, ruri] = start.split(' ');
  if (!method || !ruri) return undefined;
  return { isRequest: true, method, status: 0, ruri, headers, body };
}

export function header(msg: SipMessage, name: string): string | undefined {
  return msg.headers.find((h) => h[0] === name)?.[1];
}

export function headersNamed(msg: SipMessage, name: string): string[] {
  return msg.headers.filter((h) => h[0] === name).map((h) => h[1]);
}

/** Header values that may be comma-joined (Via, Record-Route): split at top-level commas. */
export function splitList(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    let depth = 0;
    let quoted = false;
    let from = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === '<') depth++;
      else if (!quoted && c === '>') depth--;
      else if (!quoted && depth === 0 && c === ',') {
        out.push(v.slice(from, i).trim());
        from = i + 1;
      }
    }
    out.push(v.slice(from).trim());
  }
  return out.filter(Boolean);
}

export function tagOf(nameAddr: string): string | undefined {
  return /;\s*tag=([^;>\s]+)/i.exec(nameAddr.replace(/<[^>]*>/, ''))?.[1];
}

/** The URI inside `<...>` (or the bare value up to the first `;`). */
export function uriOf(nameAddr: string): string {
  const lt = nameAddr.indexOf('<');
  if (lt >= 0) return nameAddr.slice(lt + 1, nameAddr.indexOf('>', lt));
  return nameAddr.split(';')[0]!.trim();
}

export const rand = (bytes = 6): string => randomBytes(bytes).toString('hex');
export const newBranch = (): string => `z9hG4bK${rand(8)}`;

export const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'c=IN IP4 127.0.0.1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=sendrecv',
  '',
].join('\r\n');

export function buildMessage(startLine: string, headers: ReadonlyArray<readonly [string, string]>, body = '', contentType = 'application/sdp'): string {
  const lines = [startLine, ...headers.map(([n, v]) => `${n}: ${v}`)];
  if (body) lines.push(`Content-Type: ${contentType}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A response to `req`: Via, From, To (with our tag), Call-ID, CSeq and Record-Route copied. */
export function buildResponse(req: SipMessage, status: number, reason: string, toTag: string | undefined, extra: Array<[string, string]> = [], body = ''): string {
  const hs: Array<[string, string]> = [];
  for (const [name, value] of req.headers) {
    if (name === 'via') hs.push(['Via', value]);
    else if (name === 'record-route') hs.push(['Record-Route', value]);
    else if (name === 'from') hs.push(['From', value]);
    else if (name === 'call-id') hs.push(['Call-ID', value]);
    else if (name === 'cseq') hs.push(['CSeq', value]);
    else if (name === 'to') hs.push(['To', toTag && !tagOf(value) ? `${value};tag=${toTag}` : value]);
  }
  return buildMessage(`SIP/2.0 ${status} ${reason}`, [...hs, ...extra], body);
}
