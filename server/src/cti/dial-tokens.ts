// One-time dial tokens: a number the agent may call but not see, handed to their phone as an
// opaque user part (`dial.<32 hex>`) that only the switch turns back into the number. A token
// is good once, for the user it was issued to, for a minute: a token copied out of the browser
// is worth nothing to another phone, and a second INVITE with it finds nothing.
//
// Held in this server's memory: the switch that resolves it runs in the same process. With
// several servers behind one address, the agent's phone and the request that issued the token
// must reach the same server (sticky sessions), as the phone's registration already does.
import { randomBytes } from 'node:crypto';

const TTL_MS = 60_000;

interface Issued {
  userId: number;
  e164: string;
  at: number;
}

export class DialTokens {
  private readonly tokens = new Map<string, Issued>();

  constructor(private readonly now: () => number) {}

  readonly ttlSeconds = TTL_MS / 1000;

  issue(userId: number, e164: string): string {
    this.sweep();
    const token = `dial.${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, { userId, e164, at: this.now() });
    return token;
  }

  /** The number behind the token, once; null when unknown, spent, expired or someone else's. */
  take(token: string, userId: number | null): string | null {
    const issued = this.tokens.get(token);
    if (!issued) return null;
    // Spent even when refused: a token seen on the wrong phone is no longer safe to honour.
    this.tokens.delete(token);
    if (issued.userId !== userId || this.now() - issued.at > TTL_MS) return null;
    return issued.e164;
  }

  /** Forgets expired tokens, so tokens never dialled do not pile up. */
  private sweep(): void {
    const cutoff = this.now() - TTL_MS;
    for (const [token, issued] of this.tokens) {
      if (issued.at <= cutoff) this.tokens.delete(token);
      else break; // Map keeps insertion order, and tokens are issued in time order.
    }
  }
}
