// Personal data over HTTP: consent, the audited reveal of masked numbers, export and erasure.
import type { ConsentCreate, CustomerConsents, ErasureResult, MaskedDial, RevealedPhones } from '@kefu/contract';
import { request } from '../shared/api.js';

export const privacyApi = {
  consents: (id: number, signal?: AbortSignal) => request<CustomerConsents>('GET', `/api/customers/${id}/consents`, { signal }),
  recordConsent: (id: number, body: ConsentCreate) => request<CustomerConsents>('POST', `/api/customers/${id}/consents`, { body }),
  revealPhones: (id: number) => request<RevealedPhones>('POST', `/api/customers/${id}/phones/reveal`, { body: {} }),
  /** A one-time dial token for the number at `index`, shown to this viewer as `shown`. */
  maskedDial: (id: number, index: number, shown: string) => request<MaskedDial>('POST', `/api/customers/${id}/phones/${index}/dial`, { body: { shown } }),
  erase: (id: number) => request<ErasureResult>('POST', `/api/customers/${id}/erasure`, { body: {} }),
  /** A same-origin download link: the session cookie goes with it, the browser saves the file. */
  exportUrl: (id: number, format: 'json' | 'csv') => `/api/customers/${id}/export${format === 'csv' ? '?format=csv' : ''}`,
};
