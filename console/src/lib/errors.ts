// Turns any failure into one sentence in the current language.
import { isApiError } from './api.js';
import { t } from './i18n/index.svelte.js';

export function errorMessage(e: unknown): string {
  if (!isApiError(e)) return t('error.generic');
  switch (e.code) {
    case 'NETWORK':
      return t('error.network');
    case 'UNAVAILABLE':
      return t('error.unavailable');
    case 'INTERNAL':
      return t('error.internal', { ref: e.requestId ?? '—' });
    case 'FORBIDDEN':
      return t('error.forbidden');
    case 'NOT_FOUND':
      return t('error.notFound');
    case 'CONFLICT':
      return t('error.conflict');
    case 'RATE_LIMITED':
      return t('error.rateLimited');
    case 'PAYLOAD_TOO_LARGE':
      return t('error.tooLarge');
    case 'VALIDATION':
      return t('error.validation');
    case 'UNAUTHENTICATED':
      return t('login.expired');
  }
}
