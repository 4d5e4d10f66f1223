// Turns any failure into one sentence in the current language.
import type { SoftphoneErrorCode } from '@kefu/softphone';
import { isApiError } from './api.js';
import { t, type MessageKey } from '../i18n/index.svelte.js';

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

/**
 * A softphone failure (or any failure) in one sentence. By name rather than instanceof, so
 * this module does not pull sip.js into every page's bundle.
 */
export function phoneErrorMessage(e: unknown): string {
  if (e instanceof Error && e.name === 'SoftphoneError' && 'code' in e) {
    return t(`softphone.${(e as Error & { code: SoftphoneErrorCode }).code}` as MessageKey);
  }
  if (e instanceof Error && e.name === 'IllegalTransitionError') return t('softphone.INVALID_STATE');
  return errorMessage(e);
}
