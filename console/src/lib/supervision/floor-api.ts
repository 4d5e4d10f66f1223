// The requests of a supervisor acting on the floor (/api/floor).
import type {
  FloorActionResult,
  FloorAgentList,
  FloorWaitingCallList,
  ForcedNotReadyReason,
  PullCallRequest,
} from '@kefu/contract';
import { request } from '../shared/api.js';

export const floorApi = {
  agents: (signal?: AbortSignal) => request<FloorAgentList>('GET', '/api/floor/agents', { signal }),
  waitingCalls: (signal?: AbortSignal) => request<FloorWaitingCallList>('GET', '/api/floor/waiting-calls', { signal }),
  forceNotReady: (userId: number, reason: ForcedNotReadyReason) =>
    request<FloorActionResult>('POST', `/api/floor/agents/${userId}/not-ready`, { body: { reason } }),
  logOut: (userId: number) => request<FloorActionResult>('POST', `/api/floor/agents/${userId}/log-out`, { body: {} }),
  message: (userId: number, text: string) => request<{ sentAt: string }>('POST', `/api/floor/agents/${userId}/messages`, { body: { text } }),
  pull: (callId: string, to: PullCallRequest['to']) =>
    request<{ pulled: true }>('POST', `/api/floor/waiting-calls/${encodeURIComponent(callId)}/pull`, { body: { to } }),
};
