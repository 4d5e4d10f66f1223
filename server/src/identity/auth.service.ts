import crypto from 'node:crypto';
import type { LoginRequest, Me } from '../../../contract/index.js';
import { DomainError } from '../platform/domain-error.js';
import type { AuditRepository } from './data/audit.repository.js';
import type { SessionRepository } from './data/session.repository.js';
import { toMe, type UserRepository } from './data/user.repository.js';
import { dummyPasswordHash, verifyPassword } from './password.js';

export interface LoginPolicy {
  /** Failed attempts before the account is locked. */
  lockAfter: number;
  lockMs: number;
  /** Each failed attempt waits this much longer before answering (capped), to slow guessing. */
  delayStepMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { lockAfter: 5, lockMs: 15 * 60_000, delayStepMs: 250, maxDelayMs: 2_000 };

export interface AuthenticatedSession {
  user: Me;
  sessionId: string;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditRepository,
    private readonly sessionTtlMs: number,
    private readonly policy: LoginPolicy = DEFAULT_LOGIN_POLICY,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the new session's token (for the cookie) and the user. */
  async login(req: LoginRequest, ip: string | null, userAgent: string | null): Promise<{ token: string; user: Me }> {
    const user = await this.users.findByUsername(req.username);
    const now = this.now();
    if (user?.locked_until && user.locked_until > now) {
      const retry = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
      await this.audit.write({ userId: user.id, action: 'auth.login', outcome: 'denied', ip, detail: { reason: 'locked' } });
      throw new DomainError('RATE_LIMITED', 'Too many failed sign-ins. Try again later.', undefined, retry);
    }
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), req.password);
    if (!user || !ok || user.disabled) {
      let failures = 1;
      if (user) {
        failures = await this.users.recordFailedLogin(
          user.id,
          this.policy.lockAfter,
          new Date(now.getTime() + this.policy.lockMs),
        );
        await this.audit.write({ userId: user.id, action: 'auth.login', outcome: 'denied', ip, detail: { failures } });
      }
      await sleep(Math.min(this.policy.delayStepMs * failures, this.policy.maxDelayMs));
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    await this.users.clearFailedLogins(user.id);
    const token = crypto.randomBytes(32).toString('base64url');
    await this.sessions.create({
      id: sha256(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + this.sessionTtlMs),
      ip,
      userAgent,
    });
    await this.audit.write({ userId: user.id, action: 'auth.login', outcome: 'allowed', ip });
    return { token, user: toMe(user) };
  }

  /** The signed-in user behind a cookie token, or null when it is unknown, expired or disabled. */
  async resolve(token: string | undefined): Promise<AuthenticatedSession | null> {
    if (!token || token.length > 100) return null;
    const sessionId = sha256(token);
    const session = await this.sessions.findValid(sessionId, this.now());
    if (!session) return null;
    const user = await this.users.findById(session.user_id);
    if (!user || user.disabled) return null;
    return { user: toMe(user), sessionId };
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
  }

  async purgeExpiredSessions(): Promise<number> {
    return this.sessions.deleteExpired(this.now());
  }
}
