import { randomBytes } from 'node:crypto';
import type { SipAccount, SipAccountDirectory } from '../ports.js';
import { computeHa1Set, type Ha1Set } from '../auth/digest.js';

/** What the switch knows of an account after issuing: never the password. */
export interface AccountRecord {
  readonly username: string;
  readonly userId: number | null;
  readonly displayName: string;
  readonly secrets: readonly Ha1Set[];
}

// A user may be signed in on a few devices; each issue adds a password, so cap how many live.
const MAX_PASSWORDS_PER_ACCOUNT = 8;
const USERNAME = /^[A-Za-z0-9+._-]{1,64}$/;

/**
 * SIP accounts in memory. Passwords are random, handed out once by `issue` (to the signed-in
 * session) and kept only as HA1 digests for both algorithms.
 */
export class InMemorySipAccountDirectory implements SipAccountDirectory {
  private readonly accounts = new Map<string, AccountRecord>();

  constructor(
    private readonly realm: string,
    /** Called after `revokeUser`, so the registrar can drop that user's bindings. */
    private readonly onRevoked: (userId: number, usernames: string[]) => void = () => {},
  ) {}

  issue(account: Omit<SipAccount, 'password'>): SipAccount {
    if (!USERNAME.test(account.username)) throw new Error(`Invalid SIP username ${JSON.stringify(account.username)}`);
    const password = randomBytes(18).toString('base64url');
    const existing = this.accounts.get(account.username);
    // A username moving to another user (an extension re-assigned) must not keep old passwords.
    const keep = existing && existing.userId === account.userId ? existing.secrets : [];
    const secrets = [...keep, computeHa1Set(account.username, this.realm, password)].slice(-MAX_PASSWORDS_PER_ACCOUNT);
    this.accounts.set(account.username, { ...account, secrets });
    return { ...account, password };
  }

  revokeUser(userId: number): void {
    const usernames: string[] = [];
    for (const [username, record] of this.accounts) {
      if (record.userId === userId) {
        this.accounts.delete(username);
        usernames.push(username);
      }
    }
    this.onRevoked(userId, usernames);
  }

  find(username: string): AccountRecord | undefined {
    return this.accounts.get(username);
  }

  secretsOf(username: string): readonly Ha1Set[] | undefined {
    return this.accounts.get(username)?.secrets;
  }
}
