// The requests of the supervision pages: the case list, escalations, reports and settings.
// Kept apart from api.ts so the agent-side pages and these can grow without stepping on each other.
import type { CallInterval, CallReport } from '@kefu/contract';
import type { BackupOverview, BackupRunView, CaseList, CaseReport, EscalationList, EscalationView, SettingKey, SettingValues, StoredSetting, UserOptions } from '@kefu/contract';
import { request } from '../shared/api.js';

/** Rows per page of the case list. */
export const CASE_PAGE_SIZE = 25;
/** Rows per page of the escalations list. */
export const ESCALATION_PAGE_SIZE = 25;

export const supervisionApi = {
  backups: (signal?: AbortSignal) => request<BackupOverview>('GET', '/api/admin/backups', { signal }),
  backUpNow: () => request<BackupRunView>('POST', '/api/admin/backups', { body: {} }),

  /** `query` is the filter part of the URL, already cleaned (see case-filters.ts). */
  cases: (query: string, before: string | null, signal?: AbortSignal) => {
    const params = new URLSearchParams(query);
    params.set('limit', String(CASE_PAGE_SIZE));
    if (before) params.set('before', before);
    return request<CaseList>('GET', `/api/cases?${params.toString()}`, { signal });
  },
  directory: (signal?: AbortSignal) => request<UserOptions>('GET', '/api/directory', { signal }),

  /** A page of the signed-in supervisor's escalations; `cursor` is the previous page's `nextCursor`. */
  escalations: (cursor: string | null, signal?: AbortSignal) => {
    const params = new URLSearchParams({ limit: String(ESCALATION_PAGE_SIZE) });
    if (cursor) params.set('cursor', cursor);
    return request<EscalationList>('GET', `/api/escalations?${params.toString()}`, { signal });
  },
  acknowledgeEscalation: (id: number) => request<EscalationView>('POST', `/api/escalations/${id}/acknowledge`, { body: {} }),

  caseReport: (range: { from: string; to: string; teamId: number | null }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ from: range.from, to: range.to });
    if (range.teamId !== null) params.set('teamId', String(range.teamId));
    return request<CaseReport>('GET', `/api/reports/cases?${params.toString()}`, { signal });
  },

  /** The call report's query string (also the CSV download's). */
  callReportQuery: (q: { from: string; to: string; teamId: number | null; interval: CallInterval; fcrDays: number }) => {
    const params = new URLSearchParams({ from: q.from, to: q.to, interval: q.interval, fcrDays: String(q.fcrDays) });
    if (q.teamId !== null) params.set('teamId', String(q.teamId));
    return params.toString();
  },
  callReport: (query: string, signal?: AbortSignal) => request<CallReport>('GET', `/api/reports/calls?${query}`, { signal }),

  setting: <K extends SettingKey>(key: K, signal?: AbortSignal) => request<StoredSetting<K>>('GET', `/api/settings/${key}`, { signal }),
  saveSetting: <K extends SettingKey>(key: K, version: number, value: SettingValues[K]) =>
    request<StoredSetting<K>>('PUT', `/api/settings/${key}`, { body: { version, value } }),
};
