import crypto from 'node:crypto';
import type { LoginRequest, Me } from '../../../contract/index.js';
import { DomainError, fieldError, invalid } from '../platform/domain-error.js';
import type { AuditRepository } from './data/audit.repository.js';
import type { LoginThrottleRepository } from './data/login-throttle.repository.js';
import type { SessionRepository } from './data/session.repository.js';
import { toMe, type UserRepository } from './data/user.repository.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { msg } from '../platform/i18n/message.js';

export interface LoginPolicy {
  /**
   * Attempts from one address at one account (the right password ends the run) before that
   * pair is blocked for lockMs. The block is per address, so a guesser elsewhere cannot lock
   * the real user out; an unknown username is counted and blocked exactly like a known one.
   */
  lockAfter: number;
  lockMs: number;
  /**
   * Failed attempts from one address at any accounts before the address is blocked for lockMs:
   * one machine trying many accounts. High, because a whole office may share one address.
   */
  addressLockAfter?: number;
  /** Each failed attempt waits this much longer before answering (capped), to slow guessing. */
  delayStepMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { lockAfter: 5, lockMs: 15 * 60_000, addressLockAfter: 100, delayStepMs: 250, maxDelayMs: 2_000 };

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
    private readonly throttle: LoginThrottleRepository,
    private readonly sessionTtlMs: number,
    private readonly policy: LoginPolicy = DEFAULT_LOGIN_POLICY,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the new session's token (for the cookie) and the user. */
  async login(req: LoginRequest, ip: string | null, userAgent: string | null): Promise<{ token: string; user: Me }> {
    const now = this.now();
    const address = `address:${ip ?? 'unknown'}`;
    const pair = `account:${ip ?? 'unknown'}:${req.username.toLowerCase()}`;
    const user = await this.users.findByUsername(req.username);
    // Counted before the slow hash check: parallel guesses each see the ones before them.
    const fromAddress = await this.countAttempt(address, this.policy.addressLockAfter ?? Number.POSITIVE_INFINITY, now);
    const atAccount = fromAddress.retryAfterSeconds === null ? await this.countAttempt(pair, this.policy.lockAfter, now) : fromAddress;
    const retryAfter = atAccount.retryAfterSeconds;
    // Unknown usernames are audited too (without the name): the same work, so the same timing.
    if (retryAfter !== null) {
      await this.audit.write({ userId: user?.id ?? null, action: 'auth.login', outcome: 'denied', ip, detail: { reason: 'locked' } });
      throw new DomainError('RATE_LIMITED', msg('auth.tooManySignIns'), undefined, retryAfter);
    }
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), req.password);
    if (!user || !ok || user.disabled) {
      const failures = atAccount.attempts;
      await this.audit.write({ userId: user?.id ?? null, action: 'auth.login', outcome: 'denied', ip, detail: { failures } });
      await sleep(Math.min(this.policy.delayStepMs * failures, this.policy.maxDelayMs));
      throw new DomainError('UNAUTHENTICATED', msg('auth.wrongPassword'));
    }
    await this.throttle.clear(pair);
    await this.throttle.uncount(address);
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

  /**
   * The signed-in user sets their own password (required after a one-time password). Their
   * other sessions end: whoever knew the old password is signed out with it.
   */
  async changePassword(session: AuthenticatedSession, current: string, next: string, ip: string | null): Promise<Me> {
    const user = await this.users.findById(session.user.id);
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', msg('auth.signInFirst'));
    if (!(await verifyPassword(user.password_hash, current))) {
      await this.audit.write({ userId: user.id, action: 'auth.password-changed', outcome: 'denied', ip, detail: { reason: 'wrong current password' } });
      throw invalid([fieldError('current', 'auth.currentPasswordWrong')]);
    }
    if (current === next) throw invalid([fieldError('next', 'auth.samePassword')]);
    await this.users.setPassword(user.id, await hashPassword(next));
    await this.sessions.deleteOthers(user.id, session.sessionId);
    await this.audit.write({ userId: user.id, action: 'auth.password-changed', outcome: 'allowed', ip });
    return { ...session.user, mustChangePassword: false };
  }

  async purgeExpiredSessions(): Promise<number> {
    await this.throttle.purgeIdle(new Date(this.now().getTime() - this.policy.lockMs));
    return this.sessions.deleteExpired(this.now());
  }

  /** Counts an attempt on `key`, blocking it once over `limit`; while blocked, for how long. */
  private async countAttempt(key: string, limit: number, now: Date): Promise<{ attempts: number; retryAfterSeconds: number | null }> {
    const count = await this.throttle.count(key, now, this.policy.lockMs);
    let until = count.blockedUntil;
    if (!until && count.attempts > limit) until = await this.throttle.block(key, new Date(now.getTime() + this.policy.lockMs));
    return { attempts: count.attempts, retryAfterSeconds: until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : null };
  }
}
