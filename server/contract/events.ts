// Socket.IO event maps (typed generics on both ends). Server-to-client events are
// facts in the past tense; client-to-server events are commands answered by an Ack.
import type { Ack } from './errors.js';
import type { Me } from './auth.js';

export interface ServerToClientEvents {
  /** Sent once after the connection is authenticated. */
  'session:ready': (payload: { user: Me }) => void;
  /** The session was ended elsewhere (sign-out, expiry); the console returns to sign-in. */
  'session:ended': (payload: { reason: 'signed_out' | 'expired' }) => void;
}

export interface ClientToServerEvents {
  'session:ping': (payload: Record<string, never>, ack: (res: Ack<{ at: string }>) => void) => void;
}

export interface SocketData {
  userId: number;
  sessionId: string;
}
