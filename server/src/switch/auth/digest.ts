import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 8760: SHA-256 preferred, MD5 kept for phones that know nothing else. */
export type DigestAlgorithm = 'SHA-256' | 'MD5';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'MD5'];

/** What we keep per credential instead of the password: HA1 = H(username:realm:password). */
export type Ha1Set = Readonly<Record<DigestAlgorithm, string>>;

function hash(algorithm: DigestAlgorithm, data: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(data, 'utf8').digest('hex');
}

export function computeHa1(algorithm: DigestAlgorithm, username: string, realm: string, password: string): string {
  return hash(algorithm, `${username}:${realm}:${password}`);
}

export function computeHa1Set(username: string, realm: string, password: string): Ha1Set {
  return { 'SHA-256': computeHa1('SHA-256', username, realm, password), MD5: computeHa1('MD5', username, realm, password) };
}

export interface ResponseInput {
  readonly algorithm: DigestAlgorithm;
  readonly ha1: string;
  readonly nonce: string;
  readonly nc: string;
  readonly cnonce: string;
  readonly qop: 'auth';
  readonly method: string;
  readonly uri: string;
}

/** RFC 7616 §3.4.1 with qop=auth: KD(HA1, nonce:nc:cnonce:qop:H(method:uri)). */
export function computeResponse(input: ResponseInput): string {
  const ha2 = hash(input.algorithm, `${input.method}:${input.uri}`);
  return hash(input.algorithm, `${input.ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

const MAX_CREDENTIALS_LENGTH = 4096;

/**
 * Reads `Digest name=value, name="quoted value", ...` (RFC 7235 auth-param list) into a map.
 * A character-by-character reader, not a regular expression: quoted strings may hold commas
 * and escaped quotes. Undefined for anything that is not Digest or does not parse.
 */
export function parseDigestCredentials(header: string): Map<string, string> | undefined {
  if (header.length > MAX_CREDENTIALS_LENGTH) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0 || trimmed.slice(0, space).toLowerCase() !== 'digest') return undefined;
  const params = new Map<string, string>();
  let i = space + 1;
  const n = trimmed.length;
  while (i < n) {
    while (i < n && (trimmed[i] === ' ' || trimmed[i] === ',' || trimmed[i] === '\t')) i++;
    if (i >= n) break;
    const eq = trimmed.indexOf('=', i);
    if (eq < 0) return undefined;
    const name = trimmed.slice(i, eq).trim().toLowerCase();
    if (!/^[a-z0-9_-]+$/.test(name) || params.has(name)) return undefined;
    i = eq + 1;
    while (i < n && trimmed[i] === ' ') i++;
    let value = '';
    if (trimmed[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = trimmed[i];
        if (c === '\\' && i + 1 < n) {
          value += trimmed[i + 1];
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      const end = trimmed.indexOf(',', i);
      value = trimmed.slice(i, end < 0 ? n : end).trim();
      i = end < 0 ? n : end;
    }
    params.set(name, value);
  }
  return params;
}

export type VerifyResult =
  | { readonly ok: true; readonly username: string; readonly algorithm: DigestAlgorithm }
  | { readonly ok: false; readonly stale: boolean; readonly reason: string };

export interface DigestOptions {
  readonly realm: string;
  /** Key for the nonce HMAC; random per process unless given (several servers would share one). */
  readonly secret?: Buffer;
  readonly nonceTtlMs?: number;
  readonly now?: () => number;
  /** Bound on remembered nonces (for the nc replay check). */
  readonly maxTrackedNonces?: number;
}

/**
 * Digest challenges and their verification (RFC 7616, RFC 8760 for SIP, qop=auth only).
 * Nonces are stateless to issue (timestamp + random + HMAC), so a flood of unauthenticated
 * REGISTERs costs no memory; only nonces that came back with valid credentials are tracked,
 * to refuse a replayed or non-increasing nonce count.
 */
export class DigestAuth {
  readonly realm: string;
  private readonly secret: Buffer;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxTracked: number;
  /** nonce → highest nc accepted; insertion order = age, for pruning. */
  private readonly seen = new Map<string, number>();

  constructor(options: DigestOptions) {
    this.realm = options.realm;
    this.secret = options.secret ?? randomBytes(32);
    this.ttlMs = options.nonceTtlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.maxTracked = options.maxTrackedNonces ?? 50_000;
  }

  /**
   * WWW-/Proxy-Authenticate values, SHA-256 first (RFC 8760 §2.4: in order of preference).
   * A phone that knows only MD5 must pick the MD5 one.
   */
  challenges(stale = false): string[] {
    const nonce = this.newNonce();
    const staleParam = stale ? ', stale=true' : '';
    return DIGEST_ALGORITHMS.map(
      (algorithm) => `Digest realm="${this.realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${staleParam}`,
    );
  }

  newNonce(): string {
    const payload = `${this.now().toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /**
   * Checks Authorization / Proxy-Authorization for `method`. `lookup` returns the HA1 sets
   * of every live password of the user (old ones stay valid until revoked).
   */
  verify(header: string, method: string, lookup: (username: string) => readonly Ha1Set[] | undefined): VerifyResult {
    const p = parseDigestCredentials(header);
    if (!p) return fail('unparsable credentials');
    const username = p.get('username');
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response')?.toLowerCase();
    const cnonce = p.get('cnonce');
    const nc = p.get('nc');
    const algorithm = normaliseAlgorithm(p.get('algorithm'));
    if (!username || !nonce || !uri || !response || !algorithm) return fail('incomplete credentials');
    if (p.get('realm') !== this.realm) return fail('wrong realm');
    if (p.get('qop') !== 'auth' || !cnonce || !nc || !/^[0-9a-fA-F]{8}$/.test(nc)) return fail('qop=auth required');
    const nonceState = this.checkNonce(nonce);
    if (nonceState === 'forged') return fail('nonce not ours');
    const secrets = lookup(username);
    if (!secrets || secrets.length === 0) return fail('unknown user');
    const matched = secrets.some((set) =>
      constantTimeEqual(computeResponse({ algorithm, ha1: set[algorithm], nonce, nc, cnonce, qop: 'auth', method, uri }), response),
    );
    if (!matched) return fail('wrong response');
    // Right password on an expired nonce: tell the phone to retry with a fresh one (§3.3 stale).
    if (nonceState === 'expired') return { ok: false, stale: true, reason: 'nonce expired' };
    const count = parseInt(nc, 16);
    const last = this.seen.get(nonce) ?? 0;
    if (count <= last) return fail('nonce count replayed');
    this.track(nonce, count);
    return { ok: true, username, algorithm };
  }

  private checkNonce(nonce: string): 'fresh' | 'expired' | 'forged' {
    const dot = nonce.lastIndexOf('.');
    if (dot < 0 || nonce.length > 200) return 'forged';
    const payload = nonce.slice(0, dot);
    if (!constantTimeEqual(this.sign(payload), nonce.slice(dot + 1))) return 'forged';
    const issued = parseInt(payload.split('.')[0] ?? '', 36);
    if (!Number.isFinite(issued)) return 'forged';
    const age = this.now() - issued;
    return age < 0 || age > this.ttlMs ? 'expired' : 'fresh';
  }

  private track(nonce: string, count: number): void {
    this.seen.delete(nonce);
    this.seen.set(nonce, count);
    while (this.seen.size > this.maxTracked) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }
}

function normaliseAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  // RFC 7616: absent means MD5.
  if (value === undefined) return 'MD5';
  const upper = value.toUpperCase();
  return upper === 'MD5' || upper === 'SHA-256' ? upper : undefined;
}

function fail(reason: string): VerifyResult {
  return { ok: false, stale: false, reason };
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Lengths of hex digests are public; only the content comparison must not leak.
  return left.length === right.length && timingSafeEqual(left, right);
}
