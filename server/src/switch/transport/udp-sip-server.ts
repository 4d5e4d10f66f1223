// SIP over UDP (RFC 3261 §18): one socket, each peer address a "connection" to the switch.
import dgram from 'node:dgram';
import type { Logger } from 'pino';
import { TokenBucket } from '../../platform/token-bucket.js';
import { FailureTally } from '../failure-tally.js';
import type { SipConnection, TransportLimits } from './ws-sip-server.js';
import { RFC3261_TIMERS, UdpTransactions, type UdpTimers } from './udp-transactions.js';
import { hostPortText, responseTarget } from './plain-sip-address.js';

export interface UdpSipServerOptions {
  readonly host: string;
  readonly port: number;
  readonly limits: TransportLimits;
  readonly timers?: UdpTimers;
  readonly log: Logger;
  /** Peers trusted without authentication (the trunk): never expire, never counted as pending. */
  readonly trusted?: (address: string, port: number) => boolean;
  readonly onOpen: (connection: SipConnection) => void;
  readonly onMessage: (connection: SipConnection, raw: string) => void;
  readonly onClose: (connection: SipConnection) => void;
}

export interface UdpSipServer {
  readonly address: { host: string; port: number };
  connectionCount(): number;
  close(): void;
}

interface Peer {
  readonly connection: SipConnection;
  readonly bucket: TokenBucket;
  authenticated: boolean;
  errors: number;
  lastSeen: number;
}

/**
 * Messages larger than a datagram can carry are cut by the network; SIP over UDP must fit in
 * one (RFC 3261 §18.1.1). What comes in is capped by the transport's message limit.
 */
const MAX_DATAGRAM = 65_507;

export async function startUdpSipServer(options: UdpSipServerOptions): Promise<UdpSipServer> {
  const { limits, log } = options;
  const udpLog = log.child({ transport: 'udp' });
  const socket = dgram.createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
  const transactions = new UdpTransactions(options.timers ?? RFC3261_TIMERS);
  const peers = new Map<string, Peer>();
  let pending = 0;
  // Packets from peers that have not authenticated share one budget: a flood from spoofed
  // addresses spends it, and the trunk's and registered phones' packets are still read.
  const strangers = new TokenBucket(limits.burst * 10, limits.ratePerSecond * 20);
  const refusals = new FailureTally(log, 'SIP UDP packets dropped by source');
  const refusalLog = setInterval(() => refusals.flush(), 60_000);
  refusalLog.unref();

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', (err) => udpLog.warn({ err }, 'SIP UDP socket error'));
  const bound = socket.address();
  const sentBy = hostPortText(bound.address, bound.port);
  const contact = `<sip:kefu@${sentBy};transport=udp>`;

  const sendTo = (raw: string, port: number, address: string): void => {
    socket.send(raw, port, address);
  };

  const peerFor = (address: string, port: number): Peer | undefined => {
    const key = `${address}|${port}`;
    const known = peers.get(key);
    if (known) return known;
    const trusted = options.trusted?.(address, port) ?? false;
    if (peers.size >= limits.maxConnections) return undefined;
    if (!trusted && pending >= limits.maxUnauthenticated) return undefined;
    const id = `udp:${address}:${port}`;
    const peer: Peer = {
      bucket: new TokenBucket(limits.burst, limits.ratePerSecond),
      authenticated: trusted,
      errors: 0,
      lastSeen: Date.now(),
      connection: {
        id,
        viaHost: sentBy,
        viaTransport: 'UDP',
        remoteAddress: address,
        remotePort: port,
        contact,
        send: (raw) => {
          const target = raw.startsWith('SIP/2.0 ') ? responseTarget(raw, address, port) : { address, port };
          sendTo(raw, target.port, target.address);
          transactions.sent(key, raw, () => sendTo(raw, target.port, target.address));
          return true;
        },
        protocolError: (reason) => {
          peer.errors++;
          udpLog.debug({ peer: id, reason }, 'SIP protocol error');
          if (peer.errors > limits.maxProtocolErrors && !peer.authenticated) forget(key, peer);
        },
        authenticated: () => {
          if (peer.authenticated) return;
          peer.authenticated = true;
          pending--;
        },
        close: () => forget(key, peer),
      },
    };
    if (!trusted) pending++;
    peers.set(key, peer);
    options.onOpen(peer.connection);
    return peer;
  };

  const forget = (key: string, peer: Peer): void => {
    if (peers.get(key) !== peer) return;
    peers.delete(key);
    if (!peer.authenticated) pending--;
    try {
      options.onClose(peer.connection);
    } catch (error) {
      udpLog.error({ err: error }, 'SIP close handler threw');
    }
  };

  socket.on('message', (msg, rinfo) => {
    if (msg.length > limits.maxMessageBytes || msg.length > MAX_DATAGRAM) {
      refusals.record(rinfo.address, 'too large');
      return;
    }
    const known = peers.get(`${rinfo.address}|${rinfo.port}`);
    if (!known?.authenticated && !(options.trusted?.(rinfo.address, rinfo.port) ?? false) && !strangers.take()) {
      refusals.record(rinfo.address, 'unauthenticated rate');
      return;
    }
    const peer = known ?? peerFor(rinfo.address, rinfo.port);
    if (!peer) {
      refusals.record(rinfo.address, 'too many peers');
      return;
    }
    peer.lastSeen = Date.now();
    if (!peer.bucket.take()) {
      refusals.record(rinfo.address, 'rate');
      return;
    }
    const raw = msg.toString('utf8');
    if (raw.trim() === '') return; // keep-alive
    const key = `${rinfo.address}|${rinfo.port}`;
    if (!transactions.received(key, raw, (again) => sendTo(again, rinfo.port, rinfo.address))) return;
    try {
      options.onMessage(peer.connection, raw);
    } catch (error) {
      udpLog.error({ err: error }, 'SIP message handler threw');
    }
  });

  // A peer that never authenticated is forgotten after the auth deadline of silence; one that
  // did stays (a long call sends no SIP for an hour) until the switch closes it.
  const sweeper = setInterval(() => {
    const before = Date.now() - limits.authDeadlineMs;
    for (const [key, peer] of peers) if (!peer.authenticated && peer.lastSeen < before) forget(key, peer);
  }, Math.min(limits.authDeadlineMs, 5_000));
  sweeper.unref();

  udpLog.info({ listen: sentBy }, 'SIP over UDP listening');
  return {
    address: { host: bound.address, port: bound.port },
    connectionCount: () => peers.size,
    close: () => {
      clearInterval(sweeper);
      clearInterval(refusalLog);
      refusals.flush();
      for (const [key, peer] of [...peers]) forget(key, peer);
      transactions.close();
      socket.close();
    },
  };
}
