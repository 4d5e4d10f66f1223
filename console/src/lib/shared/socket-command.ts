// Socket.IO commands as promises: the server answers each with an Ack, ok with data or an error.
import type { Ack } from '@kefu/contract';
import { ApiError } from './api.js';

/** How long a command may wait for its answer (also while the socket is reconnecting). */
export const COMMAND_TIMEOUT_MS = 10_000;

/**
 * Sends a command and resolves with the data of its Ack. A refusal becomes an ApiError with the
 * server's code; no answer in time becomes NETWORK, like an HTTP request that got no answer.
 */
export function command<T>(send: (done: (res: Ack<T>) => void) => void, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new ApiError(0, 'NETWORK', 'No answer from the server'));
    }, timeoutMs);
    send((res) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (res.ok) resolve(res.data);
      else reject(new ApiError(0, res.error.code, res.error.message));
    });
  });
}
