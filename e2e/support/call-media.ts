import type { Page } from '@playwright/test';

/** What the tests read of the call's RTCPeerConnection (see audioBytesReceived in pages/web-phone.ts). */
interface TransceiverLike {
  currentDirection: string | null;
  receiver: { track: { kind: string } };
}
interface PeerConnectionLike {
  getTransceivers(): TransceiverLike[];
}

/**
 * The negotiated direction of the page's call audio ('sendrecv', 'sendonly', 'recvonly',
 * 'inactive'), as the last offer/answer left it; null without call media. Hold is an
 * offer/answer exchange: a held caller's browser answers recvonly, so it stops sending.
 */
export async function audioDirection(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const pc = (globalThis as unknown as { __kefuPeerConnection?: PeerConnectionLike }).__kefuPeerConnection;
    const audio = pc?.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
    return audio?.currentDirection ?? null;
  });
}
