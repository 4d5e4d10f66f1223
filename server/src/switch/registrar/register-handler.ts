import type { Logger } from 'pino';
import type { AccountRecord, InMemorySipAccountDirectory } from '../accounts/sip-account-directory.js';
import type { DigestAuth } from '../auth/digest.js';
import { buildResponse, type HeaderLine } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { SipConnection } from '../transport/ws-sip-server.js';
import type { FailureTally } from '../failure-tally.js';
import type { Registrar } from './registrar.js';

const DEFAULT_EXPIRES = 600;

export interface RegisterContext {
  readonly digest: DigestAuth;
  readonly accounts: InMemorySipAccountDirectory;
  readonly registrar: Registrar;
  readonly log: Logger;
  readonly failures: FailureTally;
}

/**
 * REGISTER (RFC 3261 §10.3): digest first (401 with SHA-256 and MD5 challenges), then the
 * To user must be the authenticated account, then each Contact is bound to this connection.
 * Returns the account on success so the connection counts as authenticated for INVITEs.
 */
export function handleRegister(ctx: RegisterContext, connection: SipConnection, request: SipRequest): AccountRecord | undefined {
  const send = (status: number, reason: string, headers: HeaderLine[] = []): undefined => {
    connection.send(buildResponse(request, status, reason, { toTag: 'reg', headers }));
    return undefined;
  };
  const challenge = (stale: boolean): undefined =>
    send(401, 'Unauthorized', ctx.digest.challenges(stale).map((c): HeaderLine => ['WWW-Authenticate', c]));

  const credentials = request.getHeader('authorization');
  if (!credentials) return challenge(false);
  const result = ctx.digest.verify(credentials, 'REGISTER', (username) => ctx.accounts.secretsOf(username));
  if (!result.ok) {
    ctx.failures.record(connection.remoteAddress, result.reason);
    return challenge(result.stale);
  }
  const account = ctx.accounts.find(result.username);
  if (!account) return challenge(false);
  if (request.to?.user !== account.username) return send(403, 'Not Your Address');

  const expiresHeader = request.getHeader('expires');
  const defaultExpires = expiresHeader !== undefined && /^\d{1,10}$/.test(expiresHeader.trim()) ? Number(expiresHeader) : DEFAULT_EXPIRES;
  const contactHeaders = request.getHeaders('contact');
  const isStar = contactHeaders.length === 1 && contactHeaders[0] === '*';
  if (isStar) {
    if (defaultExpires !== 0) return send(400, 'Contact * Needs Expires 0');
    ctx.registrar.unbindAll(account.username);
    return send(200, 'OK');
  }
  for (let i = 0; i < contactHeaders.length; i++) {
    const contacts = request.contacts(i);
    if (!contacts) return send(400, 'Bad Contact');
    for (const contact of contacts) {
      const param = contact.params.get('expires') ?? undefined;
      const expires = param !== undefined && /^\d{1,10}$/.test(param) ? Number(param) : defaultExpires;
      const outcome = ctx.registrar.bind(
        {
          aor: account.username,
          userId: account.userId,
          displayName: account.displayName,
          contact: contact.uri,
          connectionId: connection.id,
          callId: request.callId,
        },
        expires,
      );
      if (!outcome.ok) {
        return send(outcome.status, outcome.reason, outcome.minExpires ? [['Min-Expires', String(outcome.minExpires)]] : []);
      }
    }
  }
  // The 200 lists every current binding with its remaining lifetime (§10.3 step 8); sip.js
  // looks for its own Contact there to learn the granted expiry.
  const now = Date.now();
  const headers = ctx.registrar
    .lookup(account.username)
    .map((b): HeaderLine => ['Contact', `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`]);
  ctx.log.debug({ aor: account.username, contacts: contactHeaders.length }, 'REGISTER accepted');
  send(200, 'OK', headers);
  return account;
}
