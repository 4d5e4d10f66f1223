// Who is signed in, signing in and out, and the live Socket.IO connection of the session.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Locale, Me, ServerToClientEvents } from '@kefu/contract';
import { api, isApiError, setUnauthenticatedHandler } from './api.js';
import { i18n } from '../i18n/index.svelte.js';
import { adminApi } from '../administration/admin-api.js';

export type SessionStatus = 'checking' | 'signed-out' | 'signed-in';
/** Why the sign-in page is showing: the user signed out, or the session ended on its own. */
export type SignedOutNotice = 'signed_out' | 'expired' | null;
export type LiveState = 'connecting' | 'connected' | 'reconnecting';

export type KefuSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

class Session {
  status = $state<SessionStatus>('checking');
  user = $state<Me | null>(null);
  notice = $state<SignedOutNotice>(null);
  /** The start-up session check could not reach the server. */
  startupError = $state<unknown>(null);
  live = $state<LiveState>('connecting');
  /** The last language change could not be saved to the profile. */
  localeSaveFailed = $state(false);
  /** The live connection of the session, for features that listen to it (the agent desktop). */
  socket = $state.raw<KefuSocket | null>(null);

  #socket: KefuSocket | null = null;

  constructor() {
    setUnauthenticatedHandler(() => this.end('expired'));
  }

  /** At start-up: is there a session cookie the server still honours? */
  async restore(): Promise<void> {
    try {
      const { user } = await api.me();
      this.#begin(user);
    } catch (e) {
      if (!isApiError(e) || e.code !== 'UNAUTHENTICATED') this.startupError = e;
      this.status = 'signed-out';
    }
  }

  /** Throws the ApiError of a refused sign-in (wrong password, locked, server down). */
  async signIn(username: string, password: string): Promise<void> {
    const { user } = await api.login({ username, password });
    this.startupError = null;
    this.#begin(user);
  }

  async signOut(): Promise<void> {
    try {
      await api.logout();
    } catch {
      // The session is gone either way as far as this tab is concerned; the cookie is HttpOnly
      // and an unreachable server will expire it.
    }
    this.end('signed_out');
  }

  /** Leaves the signed-in state locally (sign-out, session:ended, any 401). Idempotent. */
  end(reason: Exclude<SignedOutNotice, null>): void {
    if (this.status !== 'signed-in') return;
    this.#disconnect();
    this.user = null;
    this.notice = reason;
    this.localeSaveFailed = false;
    this.status = 'signed-out';
  }

  /** Switches the language now, and saves it to the profile when signed in. */
  async changeLocale(locale: Locale): Promise<void> {
    i18n.set(locale);
    if (this.status !== 'signed-in' || !this.user) return;
    this.localeSaveFailed = false;
    try {
      const { user } = await api.setLocale(locale);
      if (this.user) this.user = user;
    } catch (e) {
      if (!isApiError(e) || e.code !== 'UNAUTHENTICATED') this.localeSaveFailed = true;
    }
  }

  /**
   * After a one-time password: the user's own password, then the console as usual. Throws the
   * ApiError of a refusal (wrong current password, too short).
   */
  async setOwnPassword(current: string, next: string): Promise<void> {
    const { user } = await adminApi.changeOwnPassword({ current, next });
    this.#begin(user);
  }

  #begin(user: Me) {
    this.user = user;
    this.notice = null;
    this.status = 'signed-in';
    // The profile's language wins over this browser's last choice.
    if (user.locale && user.locale !== i18n.locale) i18n.set(user.locale);
    // The server opens no console to someone who must still set their own password.
    if (user.mustChangePassword) return;
    this.#connect();
  }

  #connect() {
    this.#disconnect();
    this.live = 'connecting';
    // Long-polling first, upgraded to WebSocket: works behind proxies that block WebSocket.
    const socket: KefuSocket = io({ path: '/socket.io', withCredentials: true });
    this.#socket = socket;
    this.socket = socket;
    socket.on('connect', () => (this.live = 'connected'));
    socket.on('disconnect', (reason) => {
      if (this.#socket !== socket) return;
      this.live = 'reconnecting';
      // The server dropped us on purpose (sign-out elsewhere): check whether the session lives.
      if (reason === 'io server disconnect') void this.#recheck(socket);
    });
    socket.on('connect_error', (err) => {
      if (this.#socket !== socket) return;
      this.live = 'reconnecting';
      // A refused handshake is not retried by Socket.IO itself: find out why, then retry.
      if (!socket.active) void this.#recheck(socket);
    });
    socket.on('session:ready', ({ user }) => {
      if (this.#socket === socket && this.user) this.user = user;
    });
    socket.on('session:ended', ({ reason }) => {
      if (this.#socket === socket) this.end(reason === 'signed_out' ? 'signed_out' : 'expired');
    });
  }

  async #recheck(socket: KefuSocket) {
    try {
      await api.me();
    } catch (e) {
      if (isApiError(e) && e.code === 'UNAUTHENTICATED') return this.end('expired');
    }
    // Still signed in (or the server is unreachable): try again shortly.
    setTimeout(() => {
      if (this.#socket === socket && !socket.connected) socket.connect();
    }, 3_000);
  }

  #disconnect() {
    const s = this.#socket;
    this.#socket = null;
    this.socket = null;
    if (s) {
      s.removeAllListeners();
      s.disconnect();
    }
  }
}

export const session = new Session();
