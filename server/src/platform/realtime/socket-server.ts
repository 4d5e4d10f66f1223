import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServerEvents, Locale, Me, ServerToClientEvents, SocketData } from '../../../../contract/index.js';
import { localizeMessage } from '../i18n/localize.js';
import { viewerLocale } from '../i18n/viewer-locale.js';
import type { Logger } from '../logger.js';
import { originAllowed, SAME_HOST_ONLY, type OriginPolicy } from '../http/origin-policy.js';
import { msg } from '../i18n/message.js';

export type KefuIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type KefuSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A feature's socket handlers, registered on every authenticated connection. */
export type SocketFeature = (socket: KefuSocket, user: Me) => void;

const EmptyPayload = z.object({}).strict();

/** Rooms: one per user (`user:<id>`) and one per session, so a sign-out reaches only its own tabs. */
export const userRoom = (id: number) => `user:${id}`;
const sessionRoom = (id: string) => `session:${id}`;

/** Who a connection belongs to, from its handshake's cookie header; null refuses it. */
export type SessionResolver = (cookieHeader: string | undefined) => Promise<{ user: Me; sessionId: string } | null>;

export function createSocketServer(
  httpServer: http.Server,
  resolveSession: SessionResolver,
  log: Logger,
  features: SocketFeature[] = [],
  origins: OriginPolicy = SAME_HOST_ONLY,
) {
  const io: KefuIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Same-origin console only; the session cookie is what authenticates.
    cors: { origin: false },
    // The cookie rides along with any page's WebSocket, so a page on another site could act as a
    // signed-in user (cross-site WebSocket hijacking): the same allow-list as /sip applies.
    allowRequest: (req, callback) => {
      const allowed = originAllowed(origins, req.headers.origin, req.headers.host);
      if (!allowed) log.warn({ origin: req.headers.origin }, 'socket refused: origin not allowed');
      callback(allowed ? null : 'origin not allowed', allowed);
    },
    // WebSocket upgrades for other paths (the SIP switch on /sip) are not Socket.IO's to close.
    destroyUpgrade: false,
  });

  const users = new Map<string, Me>();
  io.use(async (socket, next) => {
    try {
      const session = await resolveSession(socket.handshake.headers.cookie);
      if (!session) return next(new Error('UNAUTHENTICATED'));
      socket.data.userId = session.user.id;
      socket.data.sessionId = session.sessionId;
      socket.data.locale = viewerLocale(session.user.locale, socket.handshake.headers['accept-language']);
      users.set(socket.id, session.user);
      await socket.join([userRoom(session.user.id), sessionRoom(session.sessionId)]);
      socket.emit('session:ready', { user: session.user });
      next();
    } catch (err) {
      log.error({ err }, 'socket authentication failed');
      next(new Error('INTERNAL'));
    }
  });

  io.on('connection', (socket) => {
    const slog = log.child({ socketId: socket.id, userId: socket.data.userId });
    slog.debug('socket connected');
    const user = users.get(socket.id)!;
    users.delete(socket.id);
    for (const feature of features) feature(socket, user);
    socket.on('session:ping', async (payload, ack) => {
      if (typeof ack !== 'function') return; // a command without an ack is a malformed client
      if (!EmptyPayload.safeParse(payload).success) {
        return ack({ ok: false, error: { code: 'VALIDATION', message: localizeMessage(msg('request.pingTakesEmpty'), socket.data.locale) } });
      }
      ack({ ok: true, data: { at: new Date().toISOString() } });
    });
  });

  return {
    io,
    /** Ends every socket of a signed-out session. */
    endSession(sessionId: string) {
      io.to(sessionRoom(sessionId)).emit('session:ended', { reason: 'signed_out' });
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    /**
     * Ends the user's sockets on every server (deactivated, or their password changed), all but
     * the session that made the change.
     */
    async endUser(userId: number, keepSessionId?: string) {
      for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
        if (keepSessionId !== undefined && socket.data.sessionId === keepSessionId) continue;
        socket.emit('session:ended', { reason: 'revoked' });
        socket.disconnect(true);
      }
    },
    /**
     * The user saved another language: their open sockets answer in it from now on. Only this
     * server's sockets change; on other servers they keep theirs until they reconnect.
     */
    async languageSaved(userId: number, locale: Locale) {
      for (const socket of await io.in(userRoom(userId)).local.fetchSockets()) socket.data.locale = locale;
    },
  };
}
