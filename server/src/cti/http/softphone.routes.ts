import { Router, type Request } from 'express';
import { CALL_TAKING_ROLES, SUPERVISING_ROLES, WebPhoneCredentialsRequest, type SipCredentialsView } from '../../../../contract/index.js';
import { DomainError, fieldError, invalid } from '../../platform/domain-error.js';
import type { AuthService } from '../../identity/auth.service.js';
import type { SipAccount, SipAccountDirectory } from '../../switch/ports.js';
import { authenticate, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import { KeyedRateLimit } from '../../platform/token-bucket.js';
import { msg } from '../../platform/i18n/message.js';

export interface SoftphoneRouteOptions {
  sipDomain: string;
  publicUrl: string | null;
  /** An external SIP server's WebSocket URL; null for the built-in switch. */
  sipWsUrl: string | null;
  /** Demo mode lets the web phone register without a kefu sign-in. */
  demo: boolean;
  normalize(raw: string): string | null;
  /** Whether a number is a kefu user's extension: a web phone must never take their calls. */
  isStaffNumber(numbers: string[]): Promise<boolean>;
  /** Milliseconds since the epoch; the rate limit's clock. */
  now(): number;
}

/**
 * The caller-side web phone registers as any customer's number, so it can pose as that customer.
 * In demo mode anyone may (that is the demo), at a bounded rate per address, since each
 * request issues a SIP account; outside it only the roles that test lines.
 */
const WEB_PHONE_BURST = 200;
const WEB_PHONE_PER_SECOND = 2;

/** Where browsers reach the switch: an external SIP server, or beside the console. */
function wsServer(req: Request, publicUrl: string | null, external: string | null): string {
  if (external) return external;
  if (publicUrl) return publicUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/sip';
  return `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.get('host')}/sip`;
}

export function softphoneRoutes(auth: AuthService, accounts: SipAccountDirectory, opts: SoftphoneRouteOptions): Router {
  const r = Router();
  const view = (req: Request, account: SipAccount): SipCredentialsView => ({
    uri: `sip:${account.username}@${opts.sipDomain}`,
    authorizationUsername: account.username,
    authorizationPassword: account.password,
    wsServer: wsServer(req, opts.publicUrl, opts.sipWsUrl),
    displayName: account.displayName,
  });

  // The agent's SIP account comes from the signed-in session; nobody types SIP passwords.
  r.get('/softphone/credentials', authenticate(auth), requireRole(...CALL_TAKING_ROLES), (req, res) => {
    const user = req.auth!.user;
    if (!user.extension) throw new DomainError('FORBIDDEN', msg('softphone.noExtension'));
    res.json(view(req, accounts.issue({ username: user.extension, userId: user.id, displayName: user.displayName })));
  });

  const perAddress = new KeyedRateLimit(WEB_PHONE_BURST, WEB_PHONE_PER_SECOND, 10_000, () => opts.now());
  const webPhoneGate = opts.demo ? [] : [authenticate(auth), requireRole(...SUPERVISING_ROLES)];
  r.post('/webphone/credentials', ...webPhoneGate, async (req, res) => {
    if (!perAddress.take(req.ip ?? 'unknown')) throw new DomainError('RATE_LIMITED', msg('softphone.tooMany'), undefined, 60);
    const body = parseInput(WebPhoneCredentialsRequest, req.body);
    const e164 = opts.normalize(body.number);
    if (!e164) throw invalid([fieldError('number', 'phone.invalid')]);
    if (await opts.isStaffNumber([body.number.trim(), e164])) {
      throw new DomainError('FORBIDDEN', msg('softphone.extensionNumber'));
    }
    res.json(view(req, accounts.issue({ username: e164, userId: null, displayName: e164 })));
  });

  return r;
}
