import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { originAllowed, type OriginPolicy } from '../../platform/http/origin-policy.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { FailureTally } from '../failure-tally.js';
import type { ViaTransport } from '../message/build.js';

/** One SIP-over-WebSocket peer (RFC 7118). Requests to a browser can only go back this way. */
export interface SipConnection {
  readonly id: string;
  /** A random `.invalid` host for our Via on this connection (RFC 7118 §5.2). */
  readonly viaHost: string;
  readonly remoteAddress: string;
  /** Plain SIP (UDP, TCP): our Via's transport, and the peer's port. Unset over WebSocket. */
  readonly viaTransport?: ViaTransport;
  readonly remotePort?: number;
  /** Our Contact toward this peer when it is not the WebSocket one (a plain SIP listener's address). */
  readonly contact?: string;
  /** False when the socket is gone; the message is dropped. */
  send(raw: string): boolean;
  /** A peer that keeps sending junk: counts towards closing it. */
  protocolError(reason: string): void;
  /** The peer proved who it is (digest on REGISTER or INVITE): no deadline, no pending slot. */
  authenticated(): void;
  close(): void;
}

export interface TransportLimits {
  /** Largest SIP message (one WebSocket message); bigger ones close the connection (1009). */
  readonly maxMessageBytes: number;
  readonly burst: number;
  readonly ratePerSecond: number;
  /** Unparsable messages tolerated per connection before it is closed. */
  readonly maxProtocolErrors: number;
  readonly maxConnections: number;
  /**
   * Connections not yet authenticated, in all and from one address. A flood of idle sockets
   * only fills these slots; the rest of maxConnections stays for phones that proved who they
   * are. Per address, not per connection, because a whole office may sit behind one NAT: its
   * phones authenticate within a second and leave the pending count at once.
   */
  readonly maxUnauthenticated: number;
  readonly maxUnauthenticatedPerAddress: number;
  /** A connection must authenticate (REGISTER, or an INVITE with credentials) within this. */
  readonly authDeadlineMs: number;
  /** WebSocket ping interval; a peer that misses a pong is cut (half-open TCP). */
  readonly pingIntervalMs: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  maxMessageBytes: 64 * 1024,
  burst: 60,
  ratePerSecond: 30,
  maxProtocolErrors: 20,
  maxConnections: 5_000,
  // A site of hundreds of phones behind one NAT reconnects all at once after a network blip;
  // each authenticates within a second, so the per-address cap must take such a burst.
  maxUnauthenticated: 2_000,
  maxUnauthenticatedPerAddress: 1_000,
  authDeadlineMs: 15_000,
  pingIntervalMs: 30_000,
};

export interface WsSipServerOptions {
  readonly httpServer: Server;
  readonly path: string;
  readonly limits: TransportLimits;
  /** Web pages allowed to connect; requests without Origin (not browsers) always are. */
  readonly origins: OriginPolicy;
  readonly log: Logger;
  readonly onOpen: (connection: SipConnection) => void;
  readonly onMessage: (connection: SipConnection, raw: string) => void;
  readonly onClose: (connection: SipConnection) => void;
}

export interface WsSipServer {
  connectionCount(): number;
  close(): void;
}

/**
 * Takes the HTTP server's `upgrade` events for exactly `path` and nothing else (Socket.IO
 * listens on the same server for /socket.io), refuses web pages of other sites (403), insists
 * on the `sip` subprotocol, and turns each WebSocket message into one SIP message for
 * `onMessage`, within size and rate limits.
 */
export function attachWsSipServer(options: WsSipServerOptions): WsSipServer {
  const { limits, log } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    // Checked again below; here it makes ws answer with the protocol the client must see.
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  const sockets = new Map<WebSocket, SipConnection>();
  const pending = new PendingConnections();
  // One line a minute per flood, not one per refused socket: the log must survive the flood.
  const refusals = new FailureTally(log, 'SIP WebSocket connections refused by source');
  const refusalLog = setInterval(() => refusals.flush(), 60_000);
  refusalLog.unref();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '', 'http://localhost').pathname;
    } catch {
      return;
    }
    if (pathname !== options.path) return; // someone else's upgrade (Socket.IO): leave it alone
    const origin = req.headers.origin;
    if (!originAllowed(options.origins, origin, req.headers.host)) {
      log.info({ origin: origin?.slice(0, 200), host: req.headers.host?.slice(0, 200) }, 'SIP WebSocket from another site refused (see KEFU_SIP_ALLOWED_ORIGINS)');
      return refuse(socket, 403, 'Forbidden');
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes('sip')) return refuse(socket, 400, 'Bad Request');
    if (sockets.size >= limits.maxConnections) return refuse(socket, 503, 'Service Unavailable');
    const address = req.socket.remoteAddress ?? 'unknown';
    if (pending.total >= limits.maxUnauthenticated || pending.from(address) >= limits.maxUnauthenticatedPerAddress) {
      refusals.record(address, 'too many unauthenticated');
      return refuse(socket, 503, 'Service Unavailable');
    }
    socket.on('error', () => {});
    try {
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
    } catch (error) {
      log.warn({ err: error }, 'SIP WebSocket upgrade failed');
      socket.destroy();
    }
  };

  const accept = (ws: WebSocket, req: IncomingMessage): void => {
    const id = randomUUID();
    const connLog = log.child({ sipConnection: id });
    // Checked once: the per-message debug line must cost nothing when debug is off.
    const debug = connLog.isLevelEnabled('debug');
    const bucket = new TokenBucket(limits.burst, limits.ratePerSecond);
    let errors = 0;
    let dropped = 0;
    const remoteAddress = req.socket.remoteAddress ?? 'unknown';
    pending.add(remoteAddress);
    let awaitingAuth = true;
    const leavePending = (): void => {
      if (!awaitingAuth) return;
      awaitingAuth = false;
      clearTimeout(deadline);
      pending.remove(remoteAddress);
    };
    const deadline = setTimeout(() => {
      connLog.info({ remote: remoteAddress }, 'Closing a SIP connection that never authenticated');
      ws.close(1008, 'authenticate first');
    }, limits.authDeadlineMs);
    deadline.unref();
    const connection: SipConnection = {
      id,
      viaHost: `${id.slice(0, 8)}.invalid`,
      remoteAddress,
      send: (raw) => {
        if (ws.readyState !== ws.OPEN) return false;
        if (debug) connLog.debug({ firstLine: raw.slice(0, raw.indexOf('\r\n')) }, 'SIP out');
        ws.send(raw);
        return true;
      },
      protocolError: (reason) => {
        errors++;
        connLog.debug({ reason, errors }, 'SIP protocol error');
        if (errors > limits.maxProtocolErrors) {
          connLog.warn({ errors }, 'Closing a SIP connection that keeps sending junk');
          ws.close(1008, 'protocol errors');
        }
      },
      authenticated: leavePending,
      close: () => ws.close(1000),
    };
    sockets.set(ws, connection);
    options.onOpen(connection);
    // One line per phone connection is noise at info level on a floor of hundreds of phones.
    connLog.debug({ remote: connection.remoteAddress }, 'SIP WebSocket connected');

    ws.on('message', (data, isBinary) => {
      if (!bucket.take()) {
        // Dropped without reply: answering a flood would double it.
        if (++dropped % 100 === 1) connLog.warn({ dropped }, 'SIP message rate exceeded');
        return;
      }
      const raw = isBinary || Buffer.isBuffer(data) ? toText(data) : String(data);
      if (raw.trim() === '') return; // CRLF keep-alive
      try {
        options.onMessage(connection, raw);
      } catch (error) {
        // A bug in our handling of one message must not take the server down.
        connLog.error({ err: error }, 'SIP message handler threw');
      }
    });
    ws.on('error', (error) => connLog.debug({ err: error }, 'SIP WebSocket error'));
    ws.on('close', () => {
      leavePending();
      sockets.delete(ws);
      connLog.debug('SIP WebSocket closed');
      try {
        options.onClose(connection);
      } catch (error) {
        connLog.error({ err: error }, 'SIP close handler threw');
      }
    });
  };

  const pinger = setInterval(() => {
    for (const ws of sockets.keys()) {
      const state = ws as WebSocket & { kefuAlive?: boolean };
      if (state.kefuAlive === false) {
        ws.terminate();
        continue;
      }
      state.kefuAlive = false;
      ws.once('pong', () => {
        state.kefuAlive = true;
      });
      ws.ping();
    }
  }, limits.pingIntervalMs);
  pinger.unref();

  options.httpServer.on('upgrade', onUpgrade);
  return {
    connectionCount: () => sockets.size,
    close: () => {
      clearInterval(pinger);
      clearInterval(refusalLog);
      refusals.flush();
      options.httpServer.off('upgrade', onUpgrade);
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
    },
  };
}

/** How many connections wait to authenticate, in all and per remote address. */
class PendingConnections {
  total = 0;
  private readonly byAddress = new Map<string, number>();

  from(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  add(address: string): void {
    this.total++;
    this.byAddress.set(address, this.from(address) + 1);
  }

  remove(address: string): void {
    this.total--;
    const left = this.from(address) - 1;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }
}

function toText(data: unknown): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return '';
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
