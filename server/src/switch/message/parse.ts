import { frameMessage } from './frame.js';
import { sipGrammar } from './grammar.js';
import { SipRequest, SipResponse } from './sip-message.js';

export { SipRequest, SipResponse };

/** Why a message was refused: `drop` when it cannot even be answered, else the 4xx to send. */
export type ParseOutcome =
  | { kind: 'request'; message: SipRequest }
  | { kind: 'response'; message: SipResponse }
  | { kind: 'invalid-request'; message: SipRequest; status: 400 | 483; reason: string }
  | { kind: 'drop'; reason: string };

/** Headers that may appear once: two of them would let two readers see two messages. */
const SINGLE = ['from', 'to', 'call-id', 'cseq', 'max-forwards', 'content-length'] as const;

/**
 * Frames one SIP message and checks, with the grammar, the headers every request needs
 * (RFC 3261 §8.1.1) and the few a response needs to find its transaction; all other headers
 * are parsed later, only if the switch reads them. As with sip.js's parser before, a header
 * that is present but does not parse makes the message unusable (dropped), while a missing
 * one is answered with 400. Nothing here may throw on hostile input.
 */
export function parseSipMessage(raw: string): ParseOutcome {
  const frame = frameMessage(raw);
  if (!frame) return { kind: 'drop', reason: 'not a SIP message' };
  const start = sipGrammar.startLine(frame.startLine);
  if (!start) return { kind: 'drop', reason: 'bad start line' };
  if (start.kind === 'response') {
    const message = new SipResponse(frame, start.statusCode, start.reasonPhrase);
    // A response we cannot match is useless; responses are never answered. Its Via branch is
    // read when matching (a response usually carries our own Via back, known without parsing).
    if (!message.topVia || !message.cseqHeader || !message.callId || message.contentLength === null) {
      return { kind: 'drop', reason: 'response without Via, CSeq or Call-ID' };
    }
    return { kind: 'response', message };
  }
  const message = new SipRequest(frame, start.method, start.ruri, start.ruriUser);
  // Responses follow the Via: without one nothing can be answered. Its branch names the
  // transaction, which a CANCEL needs to find its INVITE; an INVITE is found by its Via as
  // sent (the CANCEL repeats it), so other requests' Vias are copied back unread.
  if (!message.topVia) return { kind: 'drop', reason: 'request without a Via' };
  if (message.method === 'CANCEL' && !message.viaBranch) return { kind: 'drop', reason: 'CANCEL without a usable Via' };
  const unparsable =
    (message.hasHeader('from') && !message.from) ||
    (message.hasHeader('to') && !message.to) ||
    (message.hasHeader('cseq') && !message.cseqHeader) ||
    message.maxForwards === null ||
    message.contentLength === null;
  if (unparsable) return { kind: 'drop', reason: 'a header does not parse' };
  for (const name of SINGLE) {
    if (message.countHeader(name) > 1) return invalid(message, 400, `Duplicate ${name}`);
  }
  const missing = missingHeader(message);
  if (missing) return invalid(message, 400, `Missing or bad ${missing}`);
  const maxForwards = message.maxForwards ?? 0;
  if (maxForwards === 0 && message.method !== 'ACK') return invalid(message, 483, 'Too Many Hops');
  // CANCEL and ACK carry their own method; every request's CSeq method must match its own.
  if (message.cseqHeader?.method !== message.method) return invalid(message, 400, 'CSeq method does not match');
  const length = message.contentLength;
  // The body is cut at Content-Length; a longer claim means a truncated message.
  if (length !== undefined && length > message.receivedBodyBytes) return invalid(message, 400, 'Content-Length exceeds body');
  return { kind: 'request', message };
}

function invalid(message: SipRequest, status: 400 | 483, reason: string): ParseOutcome {
  return { kind: 'invalid-request', message, status, reason };
}

function missingHeader(message: SipRequest): string | undefined {
  if (!message.from) return 'From';
  if (!message.to) return 'To';
  if (!message.callId) return 'Call-ID';
  if (!message.fromTag) return 'From tag';
  const cseq = message.cseqHeader;
  if (!cseq || !Number.isInteger(cseq.seq) || cseq.seq < 0 || cseq.seq >= 2 ** 31) return 'CSeq';
  if (message.maxForwards === undefined) return 'Max-Forwards';
  return undefined;
}
