// A real kefu HTTP + Socket.IO server on an ephemeral port, over a test database.
import type { AddressInfo } from 'node:net';
import { composeServer, type BackupSetup, type ComposedServer } from '../../server/src/compose.js';
import { logger } from '../../server/src/platform/logger.js';
import type { Clock } from '../../server/src/platform/clock.js';
import { createServices, sealSensitiveData, type Services } from '../../server/src/compose.js';
import type { LoginPolicy } from '../../server/src/identity/auth.service.js';
import type { Db } from '../../server/src/platform/db/database.js';
import type { MediaPlane } from '../../server/src/media/media-plane.js';
import type { ComposeOptions } from '../../server/src/compose.js';
import type { Keyring } from '../../server/src/platform/crypto/keyring.js';

export interface TestApp {
  baseUrl: string;
  services: Services;
  composed: ComposedServer;
  close(): Promise<void>;
}

/** Sessions read the app's clock: tests move a fake clock by hours, and their sign-ins must last. */
const SESSION_TTL_MS = 30 * 24 * 3600_000;

export async function startTestApp(db: Db, loginPolicy?: LoginPolicy, opts: { demo?: boolean; clock?: Clock; startCallCenter?: boolean; serverId?: string; backup?: BackupSetup; media?: MediaPlane; announcements?: ComposeOptions['announcements']; sipPlain?: ComposeOptions['sipPlain']; redisUrl?: string; keyring?: Keyring; hashKey?: Buffer } = {}): Promise<TestApp> {
  const log = logger.child({ test: true });
  log.level = 'silent';
  const services = createServices(
    db,
    { sessionTtlMs: SESSION_TTL_MS, defaultRegion: 'CN', timeZone: 'Asia/Shanghai', ...(opts.keyring ? { keyring: opts.keyring } : {}), hashKey: opts.hashKey ?? null },
    loginPolicy,
    opts.clock,
  );
  // As the server does at start: what the seeders wrote in clear is sealed before serving
  // (not for a test of a dead database, which starts no call center either).
  if (opts.startCallCenter !== false) await sealSensitiveData(db, services.sensitiveFields, 'clear');
  const composed = composeServer(services, {
    log,
    secureCookies: false,
    sessionTtlMs: SESSION_TTL_MS,
    consoleDir: null,
    publicUrl: null,
    sipDomain: 'kefu.test',
    defaultRegion: 'CN',
    demo: opts.demo ?? true,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.serverId ? { serverId: opts.serverId } : {}),
    ...(opts.backup ? { backup: opts.backup } : {}),
    ...(opts.media ? { media: opts.media } : {}),
    ...(opts.announcements ? { announcements: opts.announcements } : {}),
    ...(opts.sipPlain ? { sipPlain: opts.sipPlain } : {}),
    ...(opts.redisUrl ? { redisUrl: opts.redisUrl } : {}),
  });
  // A test of a dead database cannot load queues; it only needs HTTP.
  if (opts.startCallCenter !== false) await composed.start();
  await new Promise<void>((r) => composed.server.listen(0, '127.0.0.1', r));
  const { port } = composed.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    services,
    composed,
    close: () => composed.close(),
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in (or not) HTTP client that keeps its session cookie like a browser. */
export class ApiClient {
  cookie: string | null = null;
  /** Sent with every request, like a browser's Accept-Language. */
  headers: Record<string, string> = {};
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, rawBody?: string, contentType = 'application/json'): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined || rawBody !== undefined) headers['content-type'] = contentType;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair!.endsWith('=') ? null : pair!;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }

  async login(username: string, password = 'kefu-demo'): Promise<this> {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }
}
