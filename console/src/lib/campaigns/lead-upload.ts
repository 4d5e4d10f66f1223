// Uploading a lead list through the one CSV upload (csv-upload.ts), with its column names and
// what to do with numbers that are already customers'.
import type { LeadImportResult } from '@kefu/contract';
import { columnQuery, uploadCsv } from './csv-upload.js';

export interface UploadOptions {
  /** Header names of the file's columns, when they are not phone, name, priority, score, timezone. */
  columns: Partial<Record<'phone' | 'name' | 'priority' | 'score' | 'timezone', string>>;
  existing: 'merge' | 'skip';
  onProgress(fraction: number): void;
}

export function uploadLeads(campaignId: number, file: Blob, o: UploadOptions): Promise<LeadImportResult> {
  return uploadCsv(`/api/campaigns/${campaignId}/leads/import?${columnQuery(o.columns, { existing: o.existing })}`, file, o.onProgress);
}
