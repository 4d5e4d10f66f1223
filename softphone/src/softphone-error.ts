/**
 * Expected failures of the softphone, each with a code from a closed list so the console can
 * map every code to a message with an exhaustive switch. Bugs are not SoftphoneErrors: they
 * throw whatever they throw.
 */
export const SOFTPHONE_ERROR_CODES = [
  /** The config object is missing a field or has a bad value. */
  'INVALID_CONFIG',
  /** A SIP action was asked for before start() or after stop(). */
  'NOT_STARTED',
  /** dial() while the WebSocket to the SIP server is down (the phone is reconnecting). */
  'NOT_CONNECTED',
  /** start() was interrupted by stop() before the phone registered. */
  'STOPPED',
  /** A call action was asked for while there is no call. */
  'NO_CALL',
  /** dial() while a call is already up: the softphone handles one call at a time. */
  'CALL_IN_PROGRESS',
  /** mute/unmute/DTMF asked for in a call state where it means nothing (e.g. ringing). */
  'INVALID_STATE',
  /** dial() target or extra header that cannot be turned into a SIP request. */
  'INVALID_TARGET',
  /** Not a DTMF digit (0-9, *, #, A-D). */
  'INVALID_DTMF',
  /** The registrar refused the credentials or the user; retrying will not help. */
  'REGISTRATION_REJECTED',
  /** A request inside a call (hold or resume re-INVITE, INFO, answer) was refused or failed. */
  'REQUEST_FAILED',
  /** Microphone or peer connection failure (permission denied, no RTP sender for DTMF). */
  'MEDIA',
  /** Audio device choice failed or is not supported by this browser. */
  'DEVICE',
] as const;
export type SoftphoneErrorCode = (typeof SOFTPHONE_ERROR_CODES)[number];

export interface SoftphoneErrorDetails {
  /** SIP status code of the refusal, when there was one. */
  readonly statusCode?: number;
  /** The failure underneath (a sip.js or DOM exception), for logs. */
  readonly cause?: unknown;
}

export class SoftphoneError extends Error {
  readonly statusCode: number | undefined;

  constructor(
    readonly code: SoftphoneErrorCode,
    message: string,
    details: SoftphoneErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SoftphoneError';
    this.statusCode = details.statusCode;
  }
}

/** Wraps an unknown failure from sip.js or the browser, keeping a SoftphoneError as it is. */
export function toSoftphoneError(code: SoftphoneErrorCode, message: string, cause: unknown): SoftphoneError {
  if (cause instanceof SoftphoneError) return cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new SoftphoneError(code, `${message}${detail}`, { cause });
}
