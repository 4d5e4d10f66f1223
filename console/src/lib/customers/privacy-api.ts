// Personal data over HTTP: consent, the audited reveal of masked numbers, export and erasure.
import type {
  AuditPurgeReport,
  AuditRetentionStatus,
  ConsentCreate,
  CustomerConsents,
  ErasureResult,
  MaskedDial,
  PhoneMaskingPolicy,
  PhoneMaskingSetting,
  RetentionPolicy,
  RetentionReport,
  RetentionSetting,
  RevealedPhones,
} from '@kefu/contract';
import { request } from '../shared/api.js';

export const privacyApi = {
  consents: (id: number, signal?: AbortSignal) => request<CustomerConsents>('GET', `/api/customers/${id}/consents`, { signal }),
  recordConsent: (id: number, body: ConsentCreate) => request<CustomerConsents>('POST', `/api/customers/${id}/consents`, { body }),
  revealPhones: (id: number) => request<RevealedPhones>('POST', `/api/customers/${id}/phones/reveal`, { body: {} }),
  /** A one-time dial token for the number at `index`, shown to this viewer as `shown`. */
  maskedDial: (id: number, index: number, shown: string) => request<MaskedDial>('POST', `/api/customers/${id}/phones/${index}/dial`, { body: { shown } }),
  erase: (id: number) => request<ErasureResult>('POST', `/api/customers/${id}/erasure`, { body: {} }),
  /** The admin's privacy settings: who sees numbers masked, how long records are kept. */
  masking: () => request<PhoneMaskingSetting>('GET', '/api/privacy/phone-masking'),
  saveMasking: (version: number, value: PhoneMaskingPolicy) => request<PhoneMaskingSetting>('PUT', '/api/privacy/phone-masking', { body: { version, value } }),
  retention: () => request<RetentionSetting>('GET', '/api/privacy/retention'),
  saveRetention: (version: number, value: RetentionPolicy) => request<RetentionSetting>('PUT', '/api/privacy/retention', { body: { version, value } }),
  runRetention: () => request<{ report: RetentionReport | null }>('POST', '/api/privacy/retention/run', { body: {} }),
  auditRetention: () => request<AuditRetentionStatus>('GET', '/api/admin/audit/retention'),
  purgeAudit: () => request<AuditPurgeReport>('POST', '/api/admin/audit/purge', { body: {} }),
  /** A same-origin download link: the session cookie goes with it, the browser saves the file. */
  exportUrl: (id: number, format: 'json' | 'csv') => `/api/customers/${id}/export${format === 'csv' ? '?format=csv' : ''}`,
};
