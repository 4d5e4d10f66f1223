import { t } from '../i18n/index.svelte.js';

/** "张伟 · kefu": the page first, so tabs and screen readers name the page. */
export function setTitle(page: string | null): void {
  document.title = page ? `${page} · ${t('app.titleSuffix')}` : t('app.titleSuffix');
}
