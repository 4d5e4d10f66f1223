import type { Logger } from 'pino';
import type { AccountRecord, InMemorySipAccountDirectory } from '../accounts/sip-account-directory.js';
import type { DigestAuth } from '../auth/digest.js';
import { buildResponse, type HeaderLine } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { SipConnection } from '../transport/ws-sip-server.js';
import type { Registrar } from './registrar.js';

const DEFAULT_EXPIRES = 600;

interface ContactParam {
  uri: { toString(): string };
  getParam(name: string): string | undefined;
  setParam(name: string, value: string | undefined): void;
  toString(): string;
}

export interface RegisterContext {
  readonly digest: DigestAuth;
  readonly accounts: InMemorySipAccountDirectory;
  readonly registrar: Registrar;
  readonly log: Logger;
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
    ctx.log.info({ reason: result.reason, connection: connection.id }, 'REGISTER authentication failed');
    return challenge(result.stale);
  }
  const account = ctx.accounts.find(result.username);
  if (!account) return challenge(false);
  if (request.to.uri.user !== account.username) return send(403, 'Not Your Address');

  const expiresHeader = request.getHeader('expires');
  const defaultExpires = expiresHeader !== undefined && /^\d{1,10}$/.test(expiresHeader.trim()) ? Number(expiresHeader) : DEFAULT_EXPIRES;
  const contacts = request.getHeaders('contact');
  const isStar = contacts.length === 1 && contacts[0]?.trim() === '*';
  if (isStar) {
    if (defaultExpires !== 0) return send(400, 'Contact * Needs Expires 0');
    ctx.registrar.unbindAll(account.username, account.userId);
    return send(200, 'OK');
  }
  for (let i = 0; i < contacts.length; i++) {
    const contact = request.parseHeader('contact', i) as ContactParam | undefined;
    if (!contact) return send(400, 'Bad Contact');
    const param = contact.getParam('expires');
    const expires = param !== undefined && /^\d{1,10}$/.test(param) ? Number(param) : defaultExpires;
    const outcome = ctx.registrar.bind(
      {
        aor: account.username,
        userId: account.userId,
        displayName: account.displayName,
        contact: contact.uri.toString(),
        connectionId: connection.id,
        callId: request.callId,
      },
      expires,
    );
    if (!outcome.ok) {
      return send(outcome.status, outcome.reason, outcome.minExpires ? [['Min-Expires', String(outcome.minExpires)]] : []);
    }
  }
  // The 200 lists every current binding with its remaining lifetime (§10.3 step 8); sip.js
  // looks for its own Contact there to learn the granted expiry.
  const now = Date.now();
  const headers = ctx.registrar
    .lookup(account.username)
    .map((b): HeaderLine => ['Contact', `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`]);
  ctx.log.debug({ aor: account.username, contacts: contacts.length }, 'REGISTER accepted');
  send(200, 'OK', headers);
  return account;
}
