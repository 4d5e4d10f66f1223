import {
  IncomingRequestMessage,
  IncomingResponseMessage,
  LoggerFactory,
  Parser,
} from 'sip.js/lib/core/index.js';

export type SipRequest = IncomingRequestMessage;
export type SipResponse = IncomingResponseMessage;

/** Why a message was refused: `drop` when it cannot even be answered, else the 4xx to send. */
export type ParseOutcome =
  | { kind: 'request'; message: SipRequest }
  | { kind: 'response'; message: SipResponse }
  | { kind: 'invalid-request'; message: SipRequest; status: 400 | 483; reason: string }
  | { kind: 'drop'; reason: string };

// sip.js's parser wants a logger; its complaints about hostile input are not worth a log line
// per frame (the transport counts protocol errors instead), so they go nowhere.
const silentFactory = new LoggerFactory();
silentFactory.builtinEnabled = false;
const parserLog = silentFactory.getLogger('sip.parser');

/**
 * Parses one SIP message with sip.js's grammar (PEG, RFC 3261 ABNF) and checks the headers
 * every request needs (RFC 3261 §8.1.1). The grammar throws on some inputs (e.g. a response
 * whose CSeq does not parse), so everything is caught: hostile input must never escape.
 */
export function parseSipMessage(raw: string): ParseOutcome {
  let message: SipRequest | SipResponse | undefined;
  try {
    message = Parser.parseMessage(raw, parserLog);
  } catch {
    return { kind: 'drop', reason: 'parser threw' };
  }
  if (!message) return { kind: 'drop', reason: 'not a SIP message' };
  if (message instanceof IncomingResponseMessage) {
    // A response we cannot match (no branch, no CSeq) is useless; responses are never answered.
    if (!message.viaBranch || !message.cseq || !message.method || !message.callId) {
      return { kind: 'drop', reason: 'response without Via branch, CSeq or Call-ID' };
    }
    return { kind: 'response', message };
  }
  // Without a Via we cannot send anything back (responses follow the Via): drop.
  if (!message.via || !message.viaBranch) return { kind: 'drop', reason: 'request without a usable Via' };
  const missing = missingHeader(message);
  if (missing) return { kind: 'invalid-request', message, status: 400, reason: `Missing or bad ${missing}` };
  const maxForwards = Number(message.getHeader('max-forwards'));
  if (!Number.isInteger(maxForwards) || maxForwards < 0) {
    return { kind: 'invalid-request', message, status: 400, reason: 'Bad Max-Forwards' };
  }
  if (maxForwards === 0 && message.method !== 'ACK') {
    return { kind: 'invalid-request', message, status: 483, reason: 'Too Many Hops' };
  }
  const cseqMethod = message.getHeader('cseq')?.trim().split(/\s+/)[1];
  // CANCEL and ACK carry their own method; every request's CSeq method must match its own.
  if (cseqMethod !== message.method) {
    return { kind: 'invalid-request', message, status: 400, reason: 'CSeq method does not match' };
  }
  const length = message.getHeader('content-length');
  if (length !== undefined && Number(length) !== Buffer.byteLength(message.body, 'utf8')) {
    // sip.js cut the body at Content-Length; a longer claim means a truncated message.
    if (Number(length) > Buffer.byteLength(message.body, 'utf8')) {
      return { kind: 'invalid-request', message, status: 400, reason: 'Content-Length exceeds body' };
    }
  }
  return { kind: 'request', message };
}

function missingHeader(message: SipRequest): string | undefined {
  if (!message.ruri) return 'Request-URI';
  if (!message.from) return 'From';
  if (!message.to) return 'To';
  if (!message.callId) return 'Call-ID';
  if (!message.fromTag) return 'From tag';
  if (!Number.isInteger(message.cseq) || message.cseq < 0 || message.cseq >= 2 ** 31) return 'CSeq';
  if (!message.hasHeader('max-forwards')) return 'Max-Forwards';
  return undefined;
}
