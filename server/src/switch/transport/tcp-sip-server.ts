// SIP over TCP (RFC 3261 §18.3): a stream of messages, each ended by its Content-Length.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { Logger } from 'pino';
import { TokenBucket } from '../../platform/token-bucket.js';
import { FailureTally } from '../failure-tally.js';
import type { SipConnection, TransportLimits } from './ws-sip-server.js';
import { hostPortText } from './plain-sip-address.js';
import { StreamFramer } from './stream-framer.js';

export interface TcpSipServerOptions {
  readonly host: string;
  readonly port: number;
  readonly limits: TransportLimits;
  readonly log: Logger;
  /** Peers trusted without authentication (the trunk, by address). */
  readonly trusted?: (address: string) => boolean;
  readonly onOpen: (connection: SipConnection) => void;
  readonly onMessage: (connection: SipConnection, raw: string) => void;
  readonly onClose: (connection: SipConnection) => void;
}

export interface TcpSipServer {
  readonly address: { host: string; port: number };
  connectionCount(): number;
  close(): void;
}

export async function startTcpSipServer(options: TcpSipServerOptions): Promise<TcpSipServer> {
  const { limits, log } = options;
  const tcpLog = log.child({ transport: 'tcp' });
  const sockets = new Set<net.Socket>();
  let pending = 0;
  const refusals = new FailureTally(log, 'SIP TCP connections refused by source');
  const refusalLog = setInterval(() => refusals.flush(), 60_000);
  refusalLog.unref();
  let contact = '';
  let sentBy = '';

  const server = net.createServer((socket) => {
    const remoteAddress = socket.remoteAddress ?? 'unknown';
    const trusted = options.trusted?.(remoteAddress) ?? false;
    if (sockets.size >= limits.maxConnections || (!trusted && pending >= limits.maxUnauthenticated)) {
      refusals.record(remoteAddress, 'too many connections');
      socket.destroy();
      return;
    }
    socket.on('error', () => {});
    sockets.add(socket);
    let awaitingAuth = !trusted;
    if (awaitingAuth) pending++;
    const leavePending = (): void => {
      if (!awaitingAuth) return;
      awaitingAuth = false;
      pending--;
      clearTimeout(deadline);
    };
    const deadline = setTimeout(() => {
      if (awaitingAuth) socket.destroy();
    }, limits.authDeadlineMs);
    deadline.unref();
    const bucket = new TokenBucket(limits.burst, limits.ratePerSecond);
    let errors = 0;
    const id = `tcp:${randomUUID()}`;
    const connection: SipConnection = {
      id,
      viaHost: sentBy,
      viaTransport: 'TCP',
      remoteAddress,
      remotePort: socket.remotePort ?? 0,
      contact,
      send: (raw) => {
        if (socket.destroyed) return false;
        socket.write(raw);
        return true;
      },
      protocolError: (reason) => {
        errors++;
        tcpLog.debug({ peer: id, reason }, 'SIP protocol error');
        if (errors > limits.maxProtocolErrors) socket.destroy();
      },
      authenticated: leavePending,
      close: () => socket.end(),
    };
    const framer = new StreamFramer(limits.maxMessageBytes);
    options.onOpen(connection);
    socket.on('data', (chunk: Buffer) => {
      const result = framer.push(chunk);
      if (result.error) {
        tcpLog.info({ peer: id, reason: result.error }, 'Closing a SIP TCP connection that broke framing');
        socket.destroy();
        return;
      }
      for (const raw of result.messages) {
        if (!bucket.take()) continue; // over its rate: dropped without reply
        try {
          options.onMessage(connection, raw);
        } catch (error) {
          tcpLog.error({ err: error }, 'SIP message handler threw');
        }
      }
    });
    socket.on('close', () => {
      leavePending();
      sockets.delete(socket);
      try {
        options.onClose(connection);
      } catch (error) {
        tcpLog.error({ err: error }, 'SIP close handler threw');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as net.AddressInfo;
  sentBy = hostPortText(bound.address, bound.port);
  contact = `<sip:kefu@${sentBy};transport=tcp>`;
  tcpLog.info({ listen: sentBy }, 'SIP over TCP listening');
  return {
    address: { host: bound.address, port: bound.port },
    connectionCount: () => sockets.size,
    close: () => {
      clearInterval(refusalLog);
      refusals.flush();
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
