import { Invitation, Inviter, SessionState } from 'sip.js';
import type { Core, Info, Message, Session, Web } from 'sip.js';
import { parseDtmfInfo, type DtmfInfoBody, type ReceivedDtmf } from './dtmf.js';
import { SoftphoneError, toSoftphoneError } from './softphone-error.js';

/**
 * The in-dialog requests a call sends, as promises that settle on the final response: sip.js's
 * own promises settle when a request is sent, which says nothing about whether the far end
 * agreed.
 */

/** Audio only: sip.js's web handler would otherwise pick the constraints itself. */
export const AUDIO_ONLY: Web.SessionDescriptionHandlerOptions = { constraints: { audio: true, video: false } };

/**
 * Sends a re-INVITE that puts the far end on hold (our offer goes sendonly or inactive) or
 * takes it off hold. sip.js keeps the options for later re-INVITEs in both directions, which
 * is what keeps a held call held when the far end renegotiates; on refusal they are put back.
 */
export function sendHoldReinvite(session: Session, hold: boolean): Promise<void> {
  const before = session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions;
  const options: Web.SessionDescriptionHandlerOptions = { ...AUDIO_ONLY, ...before, hold };
  return new Promise<void>((resolve, reject) => {
    const fail = (error: SoftphoneError): void => {
      const restored: Web.SessionDescriptionHandlerOptions = { ...options, hold: !hold };
      session.sessionDescriptionHandlerOptionsReInvite = restored;
      reject(error);
    };
    session
      .invite({
        sessionDescriptionHandlerOptions: options,
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => fail(refused('re-INVITE', response)),
        },
      })
      .catch((error: unknown) => {
        // Failed before it left (e.g. the far end's own re-INVITE is still open: glare). sip.js
        // made our offer but does not take it back in this case, so we do.
        void rollback(session).finally(() =>
          fail(toSoftphoneError('REQUEST_FAILED', 'Could not send the re-INVITE', error)),
        );
      });
  });
}

/**
 * True when a refusal of a request inside the dialog means the dialog itself is gone: 481 (the
 * far end no longer knows it) or 408 (no answer at all; sip.js reports its own timeout as 408).
 * RFC 3261 12.2.1.2 says to end the dialog then; any other refusal of a re-INVITE leaves the
 * session as it was (14.1).
 */
export function endsDialog(statusCode: number | undefined): boolean {
  return statusCode === 481 || statusCode === 408;
}

async function rollback(session: Session): Promise<void> {
  try {
    await session.sessionDescriptionHandler?.rollbackDescription?.();
  } catch {
    // Nothing better to do: the next offer/answer exchange will tell.
  }
}

/** Sends an INFO (DTMF relay) and settles on its final response. */
export function sendInfo(session: Session, body: DtmfInfoBody): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    session
      .info({
        requestOptions: { body },
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => reject(refused('INFO', response)),
        },
      })
      .catch((error: unknown) => reject(toSoftphoneError('REQUEST_FAILED', 'Could not send INFO', error)));
  });
}

/**
 * Answers an incoming INFO: 200 for a DTMF digit (returned), 415 for any other body, since we
 * would rather say so than silently drop what the far end meant.
 */
export function answerDtmfInfo(info: Info, onError: (error: unknown) => void): ReceivedDtmf | undefined {
  const dtmf = parseDtmfInfo(info.request.getHeader('Content-Type'), info.request.body);
  const answered = dtmf ? info.accept() : info.reject({ statusCode: 415 });
  answered.catch(onError);
  return dtmf;
}

/** Accepts a text/plain MESSAGE and answers its text (at most 2,000 characters); refuses others with 415. */
export function answerTextMessage(message: Message, onError: (error: unknown) => void): string | undefined {
  const type = (message.request.getHeader('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  const ok = type === 'text/plain';
  (ok ? message.accept() : message.reject({ statusCode: 415 })).catch(onError);
  return ok ? message.request.body.slice(0, 2000) : undefined;
}

/** Ends the session the way its stage calls for: BYE, a final refusal, or CANCEL. */
export async function endSession(session: Session, rejectStatusCode: number): Promise<void> {
  if (session.state === SessionState.Established) {
    await session.bye();
  } else if (session.state === SessionState.Terminating || session.state === SessionState.Terminated) {
    return;
  } else if (session instanceof Invitation) {
    await session.reject({ statusCode: rejectStatusCode });
  } else if (session instanceof Inviter) {
    await session.cancel();
  }
}

export function refused(what: string, response: Core.IncomingResponse): SoftphoneError {
  const { statusCode, reasonPhrase } = response.message;
  return new SoftphoneError('REQUEST_FAILED', `${what} refused: ${statusCode ?? '?'} ${reasonPhrase}`, { statusCode });
}

/**
 * A re-INVITE without an offer asks us to offer: the switch is joining this call to another
 * party (a completed consult). That offer restarts ICE, so connectivity checks and DTLS start
 * afresh with the new party instead of probing the old one's address for seconds. Offers in
 * our own re-INVITEs (hold) and answers are left as they were.
 */
export function restartIceWhenAskedToOffer(session: Session): void {
  const s = session as unknown as { onInviteRequest(request: Core.IncomingInviteRequest): void };
  const handle = s.onInviteRequest.bind(session);
  s.onInviteRequest = (request) => {
    const { offerOptions: _previous, ...options } = (session.sessionDescriptionHandlerOptionsReInvite ?? {}) as Web.SessionDescriptionHandlerOptions;
    const next: Web.SessionDescriptionHandlerOptions = request.message.body ? options : { ...options, offerOptions: { iceRestart: true } };
    session.sessionDescriptionHandlerOptionsReInvite = next;
    handle(request);
  };
}
