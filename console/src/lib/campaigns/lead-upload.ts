// Uploading a lead list: the file goes up as it is read, and the server reads it as it arrives,
// so the bytes sent are the import's progress. XMLHttpRequest, because fetch reports no upload
// progress. The answer and the failures take the same shapes as every other request.
import type { LeadImportResult } from '@kefu/contract';
import { ApiError } from '../shared/api.js';
import { i18n } from '../i18n/index.svelte.js';

export interface UploadOptions {
  /** Header names of the file's columns, when they are not phone, name, priority, score, timezone. */
  columns: Partial<Record<'phone' | 'name' | 'priority' | 'score' | 'timezone', string>>;
  existing: 'merge' | 'skip';
  onProgress(fraction: number): void;
}

export function uploadLeads(campaignId: number, file: Blob, o: UploadOptions): Promise<LeadImportResult> {
  const q = new URLSearchParams({ existing: o.existing });
  for (const [k, v] of Object.entries(o.columns)) if (v && v.trim()) q.set(k, v.trim());
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/campaigns/${campaignId}/leads/import?${q.toString()}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.locale);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) o.onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server cannot be reached'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as LeadImportResult);
      const e = (body as { error?: { code: ApiError['code']; message: string; fields?: ApiError['fields'] } } | null)?.error;
      reject(e ? new ApiError(xhr.status, e.code, e.message, e.fields ?? []) : new ApiError(xhr.status, 'UNAVAILABLE', `HTTP ${xhr.status}`));
    };
    xhr.send(file);
  });
}
