import { Core } from 'sip.js';
import { Md5 } from 'sip.js/lib/core/messages/md5.js';
import type { FakeTransport } from './fake-transport.js';

/** One message as it crossed the hub. */
export interface TraceEntry {
  readonly from: string;
  readonly to: string;
  /** Request method, or the status code of a response as a string ("200"). */
  readonly kind: string;
  /** CSeq method, to tell a response to INVITE from one to BYE. */
  readonly cseqMethod: string;
  readonly raw: string;
}

/** What the hub does with a request instead of routing it; undefined = route normally. */
export type Interceptor = (request: Core.IncomingRequestMessage) => { status: number; reason: string } | undefined;

const REALM = 'kefu.test';

/**
 * A tiny registrar and stateless proxy in memory, enough for two real sip.js user agents to
 * call each other: REGISTER (with optional digest auth) binds the address-of-record and the
 * contact user to the sender's transport; requests go to the binding of their Request-URI
 * user; responses go back to whoever sent the request with that Via branch.
 */
export class FakeSipHub {
  readonly trace: TraceEntry[] = [];
  acceptConnections = true;
  /** Changes requests on their way through, as the kefu switch adds X-Kefu-* headers. */
  rewrite: ((raw: string, request: Core.IncomingRequestMessage) => string) | undefined;
  intercept: Interceptor | undefined;
  /**
   * A provisional response the hub sends itself before routing the request on, as the kefu
   * switch answers a call to a queue with 182 Queued before any agent's phone rings.
   */
  provisional: Interceptor | undefined;
  /** Requests for which this returns true wait in the hub until releaseHeld() (slow network). */
  holdBack: ((request: Core.IncomingRequestMessage) => boolean) | undefined;
  private readonly heldBack: Array<() => void> = [];
  private readonly accounts = new Map<string, string>();
  private readonly connected = new Set<FakeTransport>();
  private readonly bindings = new Map<string, FakeTransport>();
  private readonly names = new Map<FakeTransport, string>();
  private readonly origins = new Map<string, FakeTransport>();
  /** Branches of INVITEs the hub answered itself: their ACK ends here too. */
  private readonly answeredHere = new Set<string>();
  private readonly logger: Core.Logger;
  private nonce = 0;

  constructor() {
    const factory = new Core.LoggerFactory();
    factory.builtinEnabled = false;
    this.logger = factory.getLogger('fake-hub');
  }

  /** REGISTER for this user must then carry digest credentials with this password. */
  addAccount(user: string, password: string): void {
    this.accounts.set(user, password);
  }

  isRegistered(user: string): boolean {
    const transport = this.bindings.get(user);
    return transport !== undefined && this.connected.has(transport);
  }

  /** Cuts the user's socket as a network outage would. */
  dropConnection(user: string): void {
    const transport = this.bindings.get(user);
    if (!transport) throw new Error(`${user} is not connected`);
    this.release(transport);
    transport.lose();
  }

  /** Requests of one method, e.g. every INVITE (re-INVITEs included). */
  requests(method: string): TraceEntry[] {
    return this.trace.filter((entry) => entry.kind === method);
  }

  accept(transport: FakeTransport): boolean {
    if (!this.acceptConnections) return false;
    this.connected.add(transport);
    return true;
  }

  release(transport: FakeTransport): void {
    this.connected.delete(transport);
    // As Kamailio does when a WebSocket closes: its registrations stop routing anywhere.
    for (const [user, bound] of this.bindings) if (bound === transport) this.bindings.delete(user);
  }

  receive(from: FakeTransport, raw: string): void {
    if (!this.connected.has(from)) return;
    const message = Core.Parser.parseMessage(raw, this.logger);
    if (!message) throw new Error(`Unparsable SIP message:\n${raw}`);
    if (message instanceof Core.IncomingRequestMessage) this.onRequest(from, message, raw);
    else this.onResponse(from, message, raw);
  }

  private onRequest(from: FakeTransport, request: Core.IncomingRequestMessage, raw: string): void {
    const intercepted = request.method === 'ACK' ? undefined : this.intercept?.(request);
    if (intercepted || (request.method === 'ACK' && this.answeredHere.has(request.viaBranch))) {
      this.record(from, undefined, request.method, request, raw);
      if (intercepted) {
        this.answeredHere.add(request.viaBranch);
        this.reply(from, request, intercepted.status, intercepted.reason);
      }
      return;
    }
    if (request.method === 'REGISTER') {
      this.record(from, undefined, 'REGISTER', request, raw);
      this.register(from, request);
      return;
    }
    if (request.method !== 'ACK') this.origins.set(request.viaBranch, from);
    const early = request.method === 'ACK' ? undefined : this.provisional?.(request);
    // A Contact is what lets the caller make an early dialog of it, as sip.js requires.
    if (early) this.reply(from, request, early.status, early.reason, ['Contact: <sip:hub@kefu.test>']);
    const target = this.bindings.get(request.ruri?.user ?? '');
    const out = this.rewrite ? this.rewrite(raw, request) : raw;
    this.record(from, target, request.method, request, out);
    if (!target || !this.connected.has(target)) {
      if (request.method !== 'ACK') this.reply(from, request, 404, 'Not Found');
      return;
    }
    if (this.holdBack?.(request)) {
      this.heldBack.push(() => this.send(target, out));
      return;
    }
    this.send(target, out);
  }

  /** Lets the requests kept by holdBack go on. */
  releaseHeld(): void {
    this.holdBack = undefined;
    for (const deliver of this.heldBack.splice(0)) deliver();
  }

  private onResponse(from: FakeTransport, response: Core.IncomingResponseMessage, raw: string): void {
    const origin = this.origins.get(response.viaBranch);
    this.record(from, origin, String(response.statusCode), response, raw);
    if (origin && this.connected.has(origin)) this.send(origin, raw);
  }

  private register(from: FakeTransport, request: Core.IncomingRequestMessage): void {
    const user = request.to.uri.user ?? '';
    const password = this.accounts.get(user);
    if (password !== undefined && !this.authorized(request, user, password)) {
      const challenge = `WWW-Authenticate: Digest realm="${REALM}", nonce="n${++this.nonce}", qop="auth", algorithm=MD5`;
      this.reply(from, request, 401, 'Unauthorized', [challenge]);
      return;
    }
    const contact = request.parseHeader('contact') as Core.NameAddrHeader | undefined;
    if (!contact) {
      this.reply(from, request, 400, 'Missing Contact');
      return;
    }
    const expires = Number(contact.getParam('expires') ?? request.getHeader('expires') ?? 600);
    const contactUser = contact.uri.user ?? '';
    if (expires === 0) {
      this.bindings.delete(user);
      this.bindings.delete(contactUser);
      this.reply(from, request, 200, 'OK');
      return;
    }
    this.bindings.set(user, from);
    this.bindings.set(contactUser, from);
    this.names.set(from, user);
    this.reply(from, request, 200, 'OK', [`Contact: <${contact.uri.toString()}>;expires=${expires}`]);
  }

  private authorized(request: Core.IncomingRequestMessage, user: string, password: string): boolean {
    const header = request.getHeader('authorization');
    if (!header) return false;
    const field = (name: string): string =>
      new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1] ?? '';
    const ha1 = Md5.hashStr(`${user}:${REALM}:${password}`);
    const ha2 = Md5.hashStr(`${request.method}:${field('uri')}`);
    const expected = Md5.hashStr(`${ha1}:${field('nonce')}:${field('nc')}:${field('cnonce')}:auth:${ha2}`);
    return field('username') === user && field('response') === expected;
  }

  private reply(
    to: FakeTransport,
    request: Core.IncomingRequestMessage,
    status: number,
    reason: string,
    extraHeaders: readonly string[] = [],
  ): void {
    const toHeader = request.getHeader('to') ?? '';
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...request.getHeaders('via').map((via) => `Via: ${via}`),
      `From: ${request.getHeader('from') ?? ''}`,
      `To: ${request.toTag ? toHeader : `${toHeader};tag=hub${++this.nonce}`}`,
      `Call-ID: ${request.callId}`,
      `CSeq: ${request.getHeader('cseq') ?? ''}`,
      ...extraHeaders,
      'Content-Length: 0',
      '',
      '',
    ];
    const raw = lines.join('\r\n');
    this.trace.push({ from: 'hub', to: this.nameOf(to), kind: String(status), cseqMethod: request.method, raw });
    this.send(to, raw);
  }

  private send(to: FakeTransport, raw: string): void {
    void Promise.resolve().then(() => to.deliver(raw));
  }

  private record(
    from: FakeTransport,
    to: FakeTransport | undefined,
    kind: string,
    message: Core.IncomingMessage,
    raw: string,
  ): void {
    const cseqMethod = message.getHeader('cseq')?.split(' ')[1] ?? '';
    this.trace.push({ from: this.nameOf(from), to: to ? this.nameOf(to) : 'hub', kind, cseqMethod, raw });
  }

  private nameOf(transport: FakeTransport): string {
    return this.names.get(transport) ?? 'unregistered';
  }
}

/** Adds header lines right after the start line of a raw SIP message. */
export function addHeaders(raw: string, headers: readonly string[]): string {
  const end = raw.indexOf('\r\n');
  return `${raw.slice(0, end)}\r\n${headers.join('\r\n')}${raw.slice(end)}`;
}
