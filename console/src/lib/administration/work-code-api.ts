// The requests of the admin pages of Not-ready reasons and disposition codes.
import type {
  AdminDisposition,
  AdminDispositionCreate,
  AdminDispositionList,
  AdminDispositionPatch,
  NotReadyReason,
  NotReadyReasonCreate,
  NotReadyReasonList,
  NotReadyReasonPatch,
} from '@kefu/contract';
import { request } from '../shared/api.js';

export const workCodeApi = {
  reasons: (signal?: AbortSignal) => request<NotReadyReasonList>('GET', '/api/admin/not-ready-reasons', { signal }),
  createReason: (body: NotReadyReasonCreate) => request<NotReadyReason>('POST', '/api/admin/not-ready-reasons', { body }),
  updateReason: (id: number, body: NotReadyReasonPatch) => request<NotReadyReason>('PATCH', `/api/admin/not-ready-reasons/${id}`, { body }),
  dispositions: (signal?: AbortSignal) => request<AdminDispositionList>('GET', '/api/admin/dispositions', { signal }),
  createDisposition: (body: AdminDispositionCreate) => request<AdminDisposition>('POST', '/api/admin/dispositions', { body }),
  updateDisposition: (id: number, body: AdminDispositionPatch) => request<AdminDisposition>('PATCH', `/api/admin/dispositions/${id}`, { body }),
};
