import type { Server } from 'node:http';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Logger } from 'pino';
import type { CallControl, CallerMedia, DialTokenResolver, MediaRelay, SipAccountDirectory, SwitchEvents } from './ports.js';
import { InMemorySipAccountDirectory, type AccountRecord } from './accounts/sip-account-directory.js';
import { DigestAuth } from './auth/digest.js';
import { B2bua, type B2buaLimits } from './b2bua/b2bua.js';
import { ALLOW } from './b2bua/allowed-methods.js';
import { ACK_TIMEOUT_MS } from './b2bua/awaited-acks.js';
import { ClientTransactions } from './b2bua/client-transactions.js';
import { buildResponse, newTag, type HeaderLine } from './message/build.js';
import { parseSipMessage, type SipRequest } from './message/parse.js';
import { handleRegister } from './registrar/register-handler.js';
import { Registrar } from './registrar/registrar.js';
import { FailureTally } from './failure-tally.js';
import { guardEvents } from './safe-events.js';
import { SAME_HOST_ONLY, type OriginPolicy } from '../platform/http/origin-policy.js';
import { attachWsSipServer, DEFAULT_TRANSPORT_LIMITS, type SipConnection, type TransportLimits } from './transport/ws-sip-server.js';
import { startUdpSipServer, type UdpSipServer } from './transport/udp-sip-server.js';
import { startTcpSipServer, type TcpSipServer } from './transport/tcp-sip-server.js';
import type { UdpTimers } from './transport/udp-transactions.js';
import { isTrunk, trunkCaller, type TrunkSettings } from './trunk/trunk.js';
import { Originator } from './originate/originator.js';
import type { AbandonAnnouncer, OutboundDialing } from './originate/outbound-ports.js';

export interface SipSwitchLimits extends TransportLimits, B2buaLimits {
  /** Timer B/F: a request nobody answers fails after this long. */
  readonly transactionTimeoutMs: number;
  readonly maxRegisterExpiresSeconds: number;
}

export const DEFAULT_SWITCH_LIMITS: SipSwitchLimits = {
  ...DEFAULT_TRANSPORT_LIMITS,
  maxCallsPerConnection: 4,
  maxCalls: 2_000,
  ackTimeoutMs: ACK_TIMEOUT_MS,
  transactionTimeoutMs: 32_000,
  maxRegisterExpiresSeconds: 3_600,
};

export interface SipSwitchOptions {
  readonly httpServer: Server;
  /** WebSocket path; only upgrades to exactly this path are taken. */
  readonly path: string;
  /** SIP domain and digest realm, e.g. `kefu.example.com`. */
  readonly domain: string;
  /** Region for numbers dialled without a country code. */
  readonly defaultRegion: CountryCode;
  readonly events: SwitchEvents;
  readonly log: Logger;
  readonly limits?: Partial<SipSwitchLimits>;
  /** Nonce HMAC key; share it between processes behind one balancer. */
  readonly nonceSecret?: Buffer;
  /** Web pages allowed to open the WebSocket; by default those of the host it is served on. */
  readonly origins?: OriginPolicy;
  /**
   * The agent a dialled number (one of the site's numbers) rings directly, if any. It is given
   * the number in E.164, as the switch normalised it (or as dialled when it is no phone number).
   */
  readonly numberOwner?: (e164: string) => number | null;
  /** The default outbound caller id, cached: see B2buaOptions. */
  readonly outboundCallerId?: () => string | null;
  /** Resolves the dial tokens of numbers dialled without being shown. */
  readonly dialTokens?: DialTokenResolver;
  /** Plain SIP listeners (phones, carriers), opened by `listenPlain`. */
  readonly plain?: PlainSipSettings;
  /** The media plane: trunk calls are anchored in it. */
  readonly media?: MediaRelay | null;
  /** Plays the abandon message to an answered campaign call no agent takes (a media plane). */
  readonly announceAbandon?: AbandonAnnouncer | null;
}

export interface PlainSipSettings {
  readonly udp?: { host: string; port: number } | null;
  readonly tcp?: { host: string; port: number } | null;
  /** The carrier trunk: calls from its address come in without credentials. */
  readonly trunk?: TrunkSettings | null;
  /** RFC 3261 timers over UDP; the RFC's values unless a test shortens them. */
  readonly udpTimers?: UdpTimers;
  /** Why trunk calls are refused (no media plane), or null when they are taken. */
  readonly trunkRefusal?: string | null;
}

export interface SipSwitchStats {
  readonly connections: number;
  readonly registrations: number;
  readonly calls: number;
  readonly transactions: number;
}

export interface SipSwitch {
  readonly control: CallControl;
  /** What callers hear from the media plane (the queue's announcements). */
  readonly callerMedia: CallerMedia;
  readonly accounts: SipAccountDirectory;
  /** Outbound calls for the campaigns' dialer (originate/). */
  readonly outbound: OutboundDialing;
  stats(): SipSwitchStats;
  /** Opens the plain SIP listeners; resolves with their bound addresses. */
  listenPlain(): Promise<{ udp: { host: string; port: number } | null; tcp: { host: string; port: number } | null }>;
  close(): void;
}

interface ConnectionState {
  readonly connection: SipConnection;
  /** Set by a successful REGISTER or Proxy-Authorization: may place calls. */
  account: AccountRecord | undefined;
}

/**
 * The built-in SIP switch: SIP over WebSocket on the HTTP server's `path`, a registrar with
 * digest authentication, and a signalling-only B2BUA that owns every call.
 */
export function createSipSwitch(options: SipSwitchOptions): SipSwitch {
  const limits: SipSwitchLimits = { ...DEFAULT_SWITCH_LIMITS, ...options.limits };
  const log = options.log.child({ module: 'sip' });
  const events = guardEvents(options.events, log);
  const connections = new Map<string, ConnectionState>();
  const registrar = new Registrar({
    maxExpiresSeconds: limits.maxRegisterExpiresSeconds,
    reachabilityChanged: (userId, reachable) => events.agentReachabilityChanged(userId, reachable),
  });
  const accounts = new InMemorySipAccountDirectory(options.domain, (userId) => {
    registrar.removeUser(userId);
    for (const state of connections.values()) if (state.account?.userId === userId) state.account = undefined;
  });
  const digest = new DigestAuth({ realm: options.domain, ...(options.nonceSecret ? { secret: options.nonceSecret } : {}) });
  const transactions = new ClientTransactions(limits.transactionTimeoutMs);
  const b2bua = new B2bua({
    domain: options.domain,
    defaultRegion: options.defaultRegion,
    events,
    log,
    registrar,
    transactions,
    limits,
    media: options.media ?? null,
    ...(options.numberOwner ? { numberOwner: options.numberOwner } : {}),
    ...(options.outboundCallerId ? { outboundCallerId: options.outboundCallerId } : {}),
    ...(options.dialTokens ? { dialTokens: options.dialTokens } : {}),
  });
  b2bua.connectionLookup = (id) => connections.get(id)?.connection;
  const originator = new Originator({
    domain: options.domain,
    contact: b2bua.contact,
    registrar,
    transactions,
    events,
    log,
    connectionLookup: (id) => connections.get(id)?.connection,
    maxCalls: limits.maxCalls,
    announce: options.announceAbandon ?? null,
  });
  const registerFailures = new FailureTally(log, 'REGISTER authentication failures by source');
  const plain = options.plain;
  const trunk = plain?.trunk ?? null;
  // One line a minute that says why carrier calls fail and what to install.
  const trunkRefusals = new FailureTally(log, 'Calls from the trunk refused');
  const failureLog = setInterval(() => {
    registerFailures.flush();
    trunkRefusals.flush();
  }, 60_000);
  failureLog.unref();

  const reply = (connection: SipConnection, request: SipRequest, status: number, reason: string, headers: HeaderLine[] = []): void => {
    if (request.method === 'ACK') return; // never answered (§17.2.1)
    connection.send(buildResponse(request, status, reason, { toTag: request.toTag ? undefined : newTag(), headers }));
  };

  /** INVITE from a connection that has not registered: digest via 407 (RFC 3261 §22.3). */
  const authenticateInvite = (state: ConnectionState, request: SipRequest): AccountRecord | undefined => {
    if (state.account) return state.account;
    const challenge = (stale: boolean): undefined => {
      reply(state.connection, request, 407, 'Proxy Authentication Required',
        digest.challenges(stale).map((c): HeaderLine => ['Proxy-Authenticate', c]));
      return undefined;
    };
    const credentials = request.getHeader('proxy-authorization');
    if (!credentials) return challenge(false);
    const result = digest.verify(credentials, 'INVITE', (username) => accounts.secretsOf(username));
    if (!result.ok) return result.stale ? challenge(true) : void reply(state.connection, request, 403, 'Forbidden');
    state.account = accounts.find(result.username);
    if (state.account) state.connection.authenticated();
    return state.account;
  };

  const onRequest = (state: ConnectionState, request: SipRequest): void => {
    const { connection } = state;
    if (request.method === 'CANCEL') return b2bua.onCancel(connection, request);
    if (request.toTag) {
      if (b2bua.onInDialog(connection, request) || originator.onInDialog(connection, request)) return;
      return reply(connection, request, 481, 'Call/Transaction Does Not Exist');
    }
    switch (request.method) {
      case 'REGISTER': {
        const account = handleRegister({ digest, accounts, registrar, log, failures: registerFailures }, connection, request);
        if (account) {
          state.account = account;
          connection.authenticated();
        }
        return;
      }
      case 'INVITE': {
        if (trunk && isTrunk(trunk, connection)) {
          if (plain?.trunkRefusal) {
            trunkRefusals.record(connection.remoteAddress, plain.trunkRefusal);
            return reply(connection, request, 503, 'Service Unavailable');
          }
          return b2bua.onInitialInvite(connection, request, trunkCaller(request));
        }
        const account = authenticateInvite(state, request);
        if (account) b2bua.onInitialInvite(connection, request, account);
        return;
      }
      case 'OPTIONS':
        return reply(connection, request, 200, 'OK', [['Allow', ALLOW], ['Accept', 'application/sdp']]);
      case 'ACK':
        return; // ACK of a non-2xx final we sent: ends the transaction, nothing to do
      case 'BYE':
      case 'INFO':
        return reply(connection, request, 481, 'Call/Transaction Does Not Exist');
      default:
        return reply(connection, request, 405, 'Method Not Allowed', [['Allow', ALLOW]]);
    }
  };

  // Per-message debug lines build their fields only when someone reads them.
  const debug = log.isLevelEnabled('debug');
  const onMessage = (connection: SipConnection, raw: string): void => {
    const state = connections.get(connection.id);
    if (!state) return;
    const parsed = parseSipMessage(raw);
    switch (parsed.kind) {
      case 'drop':
        connection.protocolError(parsed.reason);
        return;
      case 'invalid-request':
        connection.protocolError(parsed.reason);
        reply(connection, parsed.message, parsed.status, parsed.reason);
        return;
      case 'response':
        if (debug) log.debug({ status: parsed.message.statusCode, method: parsed.message.method }, 'SIP response in');
        if (!transactions.receive(connection.id, parsed.message)) log.debug('Stray SIP response dropped');
        return;
      case 'request':
        if (debug) log.debug({ method: parsed.message.method, callId: parsed.message.callId }, 'SIP request in');
        onRequest(state, parsed.message);
    }
  };

  const onOpen = (connection: SipConnection): void => void connections.set(connection.id, { connection, account: undefined });
  const onClose = (connection: SipConnection): void => {
    connections.delete(connection.id);
    // Calls first (they may BYE other legs), then the bindings, then whatever still waits.
    b2bua.connectionClosed(connection.id);
    originator.connectionClosed(connection.id);
    registrar.connectionClosed(connection.id);
    transactions.connectionClosed(connection.id);
  };
  const transport = attachWsSipServer({
    httpServer: options.httpServer,
    path: options.path,
    limits,
    origins: options.origins ?? SAME_HOST_ONLY,
    log,
    onMessage,
    onOpen,
    onClose,
  });
  let udp: UdpSipServer | null = null;
  let tcp: TcpSipServer | null = null;

  const sweeper = setInterval(() => registrar.sweep(), 5_000);
  sweeper.unref();

  return {
    control: b2bua,
    callerMedia: b2bua,
    accounts,
    outbound: originator,
    listenPlain: async () => {
      if (plain?.udp && !udp) {
        udp = await startUdpSipServer({
          ...plain.udp,
          limits,
          log,
          ...(plain.udpTimers ? { timers: plain.udpTimers } : {}),
          trusted: (address, port) => trunk !== null && trunk.transport === 'udp' && trunk.address.host === address && trunk.address.port === port,
          onOpen,
          onMessage,
          onClose,
        });
      }
      if (plain?.tcp && !tcp) {
        tcp = await startTcpSipServer({
          ...plain.tcp,
          limits,
          log,
          trusted: (address) => trunk !== null && trunk.transport === 'tcp' && trunk.address.host === address,
          onOpen,
          onMessage,
          onClose,
        });
      }
      return { udp: udp?.address ?? null, tcp: tcp?.address ?? null };
    },
    stats: () => ({
      connections: transport.connectionCount() + (udp?.connectionCount() ?? 0) + (tcp?.connectionCount() ?? 0),
      registrations: registrar.count(),
      calls: b2bua.callCount + originator.callCount,
      transactions: transactions.size,
    }),
    close: () => {
      clearInterval(sweeper);
      clearInterval(failureLog);
      registerFailures.flush();
      b2bua.closeAll();
      originator.closeAll();
      transport.close();
      udp?.close();
      tcp?.close();
      trunkRefusals.flush();
      transactions.clear();
    },
  };
}
