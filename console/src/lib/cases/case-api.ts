// Case work over HTTP: tickets and complaints, their timeline, follow-up tasks, "my work",
// the people a case can be assigned to, and the wrap-up codes of a call.
import type {
  CaseCreate,
  CasePatch,
  CaseResponse,
  CaseTransitionRequest,
  DispositionList,
  FollowUpCreate,
  FollowUpList,
  FollowUpOutcomeRequest,
  FollowUpTask,
  MyWork,
  UserOptions,
} from '@kefu/contract';
import { request } from '../shared/api.js';

export const caseApi = {
  get: (id: number, signal?: AbortSignal) => request<CaseResponse>('GET', `/api/cases/${id}`, { signal }),
  create: (body: CaseCreate) => request<CaseResponse>('POST', '/api/cases', { body }),
  /** Saves field edits; answers 409 CONFLICT when someone saved since `body.version`. */
  update: (id: number, body: CasePatch) => request<CaseResponse>('PATCH', `/api/cases/${id}`, { body }),
  transition: (id: number, body: CaseTransitionRequest) => request<CaseResponse>('POST', `/api/cases/${id}/transitions`, { body }),
  addNote: (id: number, text: string) => request<CaseResponse>('POST', `/api/cases/${id}/notes`, { body: { text } }),
  logContactAttempt: (id: number, note: string) => request<CaseResponse>('POST', `/api/cases/${id}/contact-attempts`, { body: { note } }),
  linkCall: (id: number, interactionId: number) => request<CaseResponse>('POST', `/api/cases/${id}/links`, { body: { interactionId } }),
  followUpsOf: (id: number, signal?: AbortSignal) => request<FollowUpList>('GET', `/api/cases/${id}/follow-ups`, { signal }),

  /** People and teams a case can be assigned to. */
  directory: (signal?: AbortSignal) => request<UserOptions>('GET', '/api/directory', { signal }),

  myWork: (signal?: AbortSignal) => request<MyWork>('GET', '/api/my-work', { signal }),
  scheduleFollowUp: (body: FollowUpCreate) => request<FollowUpTask>('POST', '/api/follow-ups', { body }),
  /** Tells the server the agent is about to dial the task's number, so the call joins the case. */
  startFollowUp: (id: number) => request<FollowUpTask>('POST', `/api/follow-ups/${id}/start`, { body: {} }),
  recordOutcome: (id: number, body: FollowUpOutcomeRequest) => request<FollowUpTask>('POST', `/api/follow-ups/${id}/outcome`, { body }),

  /** The wrap-up codes of one of the agent's calls (its queue's, or the shared ones). */
  dispositions: (interactionId: number, signal?: AbortSignal) =>
    request<DispositionList>('GET', `/api/interactions/${interactionId}/dispositions`, { signal }),
};
