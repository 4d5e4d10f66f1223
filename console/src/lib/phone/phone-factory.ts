// Makes the browser softphone. Loaded with import() by the agent desktop and the web phone,
// so sip.js stays out of the bundle of the pages that never make calls.
//
// The media engine is the softphone's own, plus a window on the call's RTCPeerConnection for
// the browser tests (they read getStats to prove audio flows). Only under automation: a page
// driven by WebDriver / DevTools automation has navigator.webdriver === true; people's do not.
import type { SipCredentialsView } from '@kefu/contract';
import { Softphone, WebMediaEngine, type AudioDevices, type MediaEngine } from '@kefu/softphone';
import { callPeer } from './call-peer.js';

declare global {
  interface Window {
    /** The current call's peer connection; set only when navigator.webdriver is true. */
    __kefuPeerConnection?: RTCPeerConnection;
  }
}

type Handler = Parameters<MediaEngine['attachRemoteAudio']>[0];

function exposeForTests(handler: Handler): void {
  if (typeof navigator === 'undefined' || navigator.webdriver !== true) return;
  const pc = (handler as unknown as { peerConnection?: RTCPeerConnection }).peerConnection;
  if (pc) window.__kefuPeerConnection = pc;
}

export class ProbedMediaEngine implements MediaEngine {
  readonly #inner = new WebMediaEngine();
  /** The handler whose audio plays: a consult has two lines. */
  #playing: Handler | undefined;
  readonly sessionDescriptionHandlerFactory = this.#inner.sessionDescriptionHandlerFactory;

  attachRemoteAudio(handler: Handler): void {
    this.#playing = handler;
    this.#inner.attachRemoteAudio(handler);
    exposeForTests(handler);
    callPeer.set((handler as unknown as { peerConnection?: RTCPeerConnection }).peerConnection ?? null);
  }

  detachRemoteAudio(handler?: Handler): void {
    this.#inner.detachRemoteAudio(handler);
    // During a consult the other line may be the one playing: it stays the call's.
    if (handler !== undefined && handler !== this.#playing) return;
    this.#playing = undefined;
    callPeer.set(null);
  }

  setSending(handler: Handler, enabled: boolean): void {
    this.#inner.setSending(handler, enabled);
  }

  setReceiving(handler: Handler, enabled: boolean): void {
    this.#inner.setReceiving(handler, enabled);
  }

  setOutputDevice(deviceId: string): Promise<void> {
    return this.#inner.setOutputDevice(deviceId);
  }

  setInputDevice(deviceId: string, handler: Handler | undefined): Promise<void> {
    return this.#inner.setInputDevice(deviceId, handler);
  }

  listDevices(): Promise<AudioDevices> {
    return this.#inner.listDevices();
  }

  dispose(): void {
    this.#inner.dispose();
  }
}

/** The softphone's log lines worth a look in the browser console (warnings and errors). */
export const browserLogger = {
  debug() {},
  info() {},
  warn(context: Record<string, unknown>, message: string) {
    console.warn(`[softphone] ${message}`, context);
  },
  error(context: Record<string, unknown>, message: string) {
    console.error(`[softphone] ${message}`, context);
  },
};

/** A ws(s):// URL for the SIP WebSocket; a path alone is taken as this site's. */
export function absoluteWsUrl(wsServer: string): string {
  if (/^wss?:\/\//i.test(wsServer)) return wsServer;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${wsServer.startsWith('/') ? '' : '/'}${wsServer}`;
}

/** A softphone for these credentials with the browser's media, ringtone and a console logger. */
export function createSoftphone(credentials: SipCredentialsView): Softphone {
  return new Softphone(
    {
      uri: credentials.uri,
      authorizationUsername: credentials.authorizationUsername,
      authorizationPassword: credentials.authorizationPassword,
      wsServer: absoluteWsUrl(credentials.wsServer),
      displayName: credentials.displayName,
    },
    { media: new ProbedMediaEngine(), logger: browserLogger },
  );
}
