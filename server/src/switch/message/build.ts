import { sipGrammar } from './grammar.js';
import { randomHex } from './random-hex.js';
import type { SipRequest } from './sip-message.js';

/** A header line to add: name and value (the value is checked for line breaks). */
export type HeaderLine = readonly [name: string, value: string];

export interface Body {
  readonly contentType: string;
  readonly content: string;
}

/** RFC 3261 magic cookie + randomness: unique per transaction we start. */
export function newBranch(): string {
  return `z9hG4bK${randomHex(10)}`;
}

export function newTag(): string {
  return randomHex(8);
}

export function newCallId(): string {
  return `${randomHex(12)}@kefu`;
}

/**
 * Header values copied from a peer may carry folded lines (CRLF + space, allowed by the
 * grammar) and values we build may carry a caller's display name: neither may break out of
 * its line, or one peer could inject headers into another's messages.
 */
export function headerValue(value: string): string {
  if (!UNSAFE_IN_HEADER.test(value)) return value; // the common case: nothing to rewrite
  return value.replace(/\r?\n[ \t]*/g, ' ').replace(/[\r\n\0]/g, '');
}

const UNSAFE_IN_HEADER = /[\r\n\0]/;

/** A transport our Via names: WebSocket (the default), or plain SIP's UDP and TCP. */
export type ViaTransport = 'WSS' | 'UDP' | 'TCP';

/**
 * Our Via on a request (RFC 7118 §5.2 host over WebSocket, our listener's address otherwise);
 * responses bring it back, usually verbatim. Over UDP we ask for rport (RFC 3581): the reply
 * comes back to the port we sent from, through NAT too.
 */
export function viaValue(viaHost: string, branch: string, transport: ViaTransport = 'WSS'): string {
  return transport === 'UDP' ? `SIP/2.0/UDP ${viaHost};rport;branch=${branch}` : `SIP/2.0/${transport} ${viaHost};branch=${branch}`;
}

function finish(lines: string[], headers: readonly HeaderLine[], body: Body | undefined): string {
  for (const [name, value] of headers) lines.push(`${name}: ${headerValue(value)}`);
  const content = body?.content ?? '';
  if (body) lines.push(`Content-Type: ${headerValue(body.contentType)}`);
  lines.push(`Content-Length: ${Buffer.byteLength(content, 'utf8')}`);
  return `${lines.join('\r\n')}\r\n\r\n${content}`;
}

/** A quoted display name (RFC 3261 quoted-string): quotes and backslashes escaped. */
export function quoteDisplayName(name: string): string {
  return `"${headerValue(name).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export interface ResponseOptions {
  /** Added to To when the request's To has no tag yet (dialog-creating or final responses). */
  readonly toTag?: string;
  readonly headers?: readonly HeaderLine[];
  readonly body?: Body;
}

/** RFC 3261 §8.2.6: Vias, From, To, Call-ID and CSeq copied from the request. */
export function buildResponse(request: SipRequest, status: number, reason: string, options: ResponseOptions = {}): string {
  const lines = [`SIP/2.0 ${status} ${headerValue(reason)}`];
  for (const via of request.getHeaders('via')) lines.push(`Via: ${headerValue(via)}`);
  lines.push(`From: ${headerValue(request.getHeader('from') ?? '')}`);
  let to = headerValue(request.getHeader('to') ?? '');
  // 100 Trying never carries a tag (§8.2.6.2); any other response to a tagless To gets ours.
  if (!request.toTag && options.toTag && status > 100) {
    const tagged = `${to};tag=${options.toTag}`;
    // The peer's ACK and BYE carry this To back: its parse is the request's plus the tag.
    if (request.to) sipGrammar.rememberTaggedTo(tagged, request.to, options.toTag);
    to = tagged;
  }
  lines.push(`To: ${to}`);
  lines.push(`Call-ID: ${headerValue(request.callId ?? '')}`);
  lines.push(`CSeq: ${headerValue(request.getHeader('cseq') ?? '')}`);
  return finish(lines, options.headers ?? [], options.body);
}

export interface RequestSpec {
  readonly method: string;
  readonly ruri: string;
  /** Our Via host; RFC 7118 §5.2 suggests a random `.invalid` name. */
  readonly viaHost: string;
  readonly viaTransport?: ViaTransport | undefined;
  readonly branch: string;
  readonly from: string;
  readonly to: string;
  readonly callId: string;
  readonly cseq: number;
  /** CSeq method when it differs from the method (never, except ACK/CANCEL reuse). */
  readonly headers?: readonly HeaderLine[];
  readonly body?: Body;
}

export function buildRequest(spec: RequestSpec): string {
  const lines = [
    `${spec.method} ${headerValue(spec.ruri)} SIP/2.0`,
    `Via: ${viaValue(spec.viaHost, spec.branch, spec.viaTransport)}`,
    'Max-Forwards: 70',
    `From: ${headerValue(spec.from)}`,
    `To: ${headerValue(spec.to)}`,
    `Call-ID: ${headerValue(spec.callId)}`,
    `CSeq: ${spec.cseq} ${spec.method}`,
  ];
  return finish(lines, spec.headers ?? [], spec.body);
}

/**
 * The body of a request or response with its type, when it has one. The type is relayed to
 * the other leg, so one the grammar rejects counts as no body at all.
 */
export function bodyOf(message: { body: string; getHeader(name: string): string | undefined }): Body | undefined {
  const contentType = message.getHeader('content-type');
  if (!message.body || !contentType || !sipGrammar.isContentType(contentType)) return undefined;
  return { contentType, content: message.body };
}
