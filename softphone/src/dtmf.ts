import { SoftphoneError } from './softphone-error.js';

/** How a DTMF digit travels: in the RTP stream (RFC 4733) or as a SIP INFO request. */
export type DtmfMethod = 'rfc4733' | 'info';

export interface DtmfOptions {
  /** Default 'rfc4733'; IVRs and switches that do not negotiate telephone-event want 'info'. */
  readonly method?: DtmfMethod;
  /** Tone length; default 160 ms. RTCDTMFSender accepts 40 to 6000 ms. */
  readonly durationMs?: number;
}

export const DEFAULT_DTMF_DURATION_MS = 160;

/** The body of an INFO carrying one digit (application/dtmf-relay, as SIP.js and Asterisk use). */
export interface DtmfInfoBody {
  readonly contentDisposition: 'render';
  readonly contentType: 'application/dtmf-relay';
  readonly content: string;
}

/** Returns the digit upper-cased; throws INVALID_DTMF for anything but one of 0-9 * # A-D. */
export function normalizeDtmfDigit(digit: string): string {
  if (!/^[0-9*#A-Da-d]$/.test(digit)) {
    throw new SoftphoneError('INVALID_DTMF', `Not a DTMF digit: ${JSON.stringify(digit)}`);
  }
  return digit.toUpperCase();
}

/** Clamps a duration to what RTCDTMFSender accepts, so both methods send the same length. */
export function dtmfDuration(durationMs: number | undefined): number {
  const ms = durationMs ?? DEFAULT_DTMF_DURATION_MS;
  if (!Number.isFinite(ms)) return DEFAULT_DTMF_DURATION_MS;
  return Math.min(6000, Math.max(40, Math.round(ms)));
}

export function dtmfInfoBody(digit: string, durationMs: number): DtmfInfoBody {
  return {
    contentDisposition: 'render',
    contentType: 'application/dtmf-relay',
    content: `Signal=${digit}\r\nDuration=${durationMs}`,
  };
}

export interface ReceivedDtmf {
  readonly digit: string;
  readonly durationMs: number | undefined;
}

/**
 * Reads a digit out of an incoming INFO: application/dtmf-relay ("Signal=5\r\nDuration=160")
 * or application/dtmf (the digit alone). Undefined if the body is not a DTMF digit, which
 * the caller answers with 415 rather than guessing.
 */
export function parseDtmfInfo(contentType: string | undefined, body: string): ReceivedDtmf | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/dtmf') {
    const digit = body.trim();
    return isDigit(digit) ? { digit: digit.toUpperCase(), durationMs: undefined } : undefined;
  }
  if (type !== 'application/dtmf-relay') return undefined;
  const fields = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  const digit = fields.get('signal');
  if (digit === undefined || !isDigit(digit)) return undefined;
  const duration = Number(fields.get('duration'));
  return { digit: digit.toUpperCase(), durationMs: Number.isInteger(duration) && duration > 0 ? duration : undefined };
}

function isDigit(value: string): boolean {
  return /^[0-9*#A-Da-d]$/.test(value);
}
