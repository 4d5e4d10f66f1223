// The requests of the segments page: purchases imports, the RFM run, the segment builder.
import type { PurchaseImportQuery, PurchaseImportResult, RfmRun, RfmStatus, SegmentCount, SegmentFilter, SegmentQuery, SegmentSample, SegmentSaveResult } from '@kefu/contract';
import { request } from '../shared/api.js';
import { columnQuery, uploadCsv } from './csv-upload.js';

export const segmentApi = {
  uploadPurchases: (file: Blob, columns: PurchaseImportQuery, onProgress: (fraction: number) => void) =>
    uploadCsv<PurchaseImportResult>(`/api/purchases/import?${columnQuery(columns)}`, file, onProgress),
  purchaseRejectionsCsvUrl: (importId: number) => `/api/purchases/imports/${importId}/rejections?format=csv`,
  rfm: () => request<RfmStatus>('GET', '/api/rfm'),
  recomputeRfm: () => request<RfmRun>('POST', '/api/rfm/recompute'),
  count: (body: SegmentQuery, signal?: AbortSignal) => request<SegmentCount>('POST', '/api/segments/count', { body, signal }),
  sample: (body: SegmentQuery) => request<SegmentSample>('POST', '/api/segments/sample', { body }),
  saveToCampaign: (campaignId: number, filter: SegmentFilter) => request<SegmentSaveResult>('POST', `/api/campaigns/${campaignId}/leads/from-segment`, { body: { filter } }),
};
