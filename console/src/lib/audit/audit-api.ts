// The audit log's requests: a page of entries, and the CSV download read as it streams in,
// so the page can tell how far it has got.
import type { AuditFilter, AuditPage } from '@kefu/contract';
import { ApiError, request, type ApiErrorCode } from '../shared/api.js';
import { i18n } from '../i18n/index.svelte.js';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

export function filterParams(f: AuditFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p;
}

export interface ExportProgress {
  rows: number;
  /** How many rows the server said the export holds; null when it did not say. */
  total: number | null;
}

export const auditApi = {
  page: (f: AuditFilter, before: string | null, signal?: AbortSignal) => {
    const p = filterParams(f);
    p.set('limit', String(AUDIT_PAGE_SIZE));
    if (before) p.set('before', before);
    return request<AuditPage>('GET', `/api/admin/audit?${p.toString()}`, { signal });
  },

  /** The filtered log as a CSV file; `progress` is told the rows received so far. */
  async exportCsv(f: AuditFilter, progress: (p: ExportProgress) => void, signal?: AbortSignal): Promise<Blob> {
    const res = await fetch(`/api/admin/audit/export?${filterParams(f).toString()}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': i18n.locale },
      signal,
    });
    if (!res.ok || !res.body) throw await exportError(res);
    const totalHeader = res.headers.get('x-audit-rows');
    const total = totalHeader === null ? null : Number(totalHeader);
    const parts: Uint8Array[] = [];
    const reader = res.body.getReader();
    let lineBreaks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      // Rows end in CRLF; a line break inside a quoted cell is a bare LF, so this counts rows.
      for (let i = 1; i < value.length; i++) if (value[i] === 10 && value[i - 1] === 13) lineBreaks++;
      if (value[0] === 10 && parts.length > 1) {
        const prev = parts[parts.length - 2]!;
        if (prev[prev.length - 1] === 13) lineBreaks++;
      }
      progress({ rows: Math.max(0, lineBreaks - 1), total });
    }
    return new Blob(parts as BlobPart[], { type: 'text/csv;charset=utf-8' });
  },
};

/** A refused export answers with the usual JSON error body. */
async function exportError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = (body?.error?.code ?? (res.ok ? 'UNAVAILABLE' : res.status === 403 ? 'FORBIDDEN' : 'UNAVAILABLE')) as ApiErrorCode;
  return new ApiError(res.status, code, body?.error?.message ?? (res.statusText || `HTTP ${res.status}`));
}
