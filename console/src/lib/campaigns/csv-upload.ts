// Uploading a CSV file for an import (leads, purchases): the file goes up as it is read, and the
// server reads it as it arrives, so the bytes sent are the import's progress. XMLHttpRequest,
// because fetch reports no upload progress. The answer and the failures take the same shapes as
// every other request.
import { ApiError } from '../shared/api.js';
import { i18n } from '../i18n/index.svelte.js';

/** POSTs `file` as text/csv to `url` (query string included), reporting the share sent so far. */
export function uploadCsv<T>(url: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.locale);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server cannot be reached'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as T);
      const e = (body as { error?: { code: ApiError['code']; message: string; fields?: ApiError['fields'] } } | null)?.error;
      reject(e ? new ApiError(xhr.status, e.code, e.message, e.fields ?? []) : new ApiError(xhr.status, 'UNAVAILABLE', `HTTP ${xhr.status}`));
    };
    xhr.send(file);
  });
}

/** The query string of an import's column names: only those the marketer filled in. */
export function columnQuery(columns: Record<string, string | undefined>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(columns)) if (v && v.trim()) q.set(k, v.trim());
  return q.toString();
}
