// The language a viewer reads server messages in: the one they saved on their account (the
// console's language switch saves it), else what their browser asks for, else English.
import type { Locale } from '../../../../contract/index.js';

/**
 * Any Chinese in Accept-Language means 简体中文, whatever its rank: the console picks its own
 * language from the same browser list that way (console/src/lib/i18n), and the messages should
 * match the screen they appear on. Ranges the browser refuses (q=0) do not count.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (/^zh(-|$)/i.test(range.trim())) return 'zh-CN';
  }
  return null;
}

export function viewerLocale(saved: Locale | null | undefined, acceptLanguage: string | undefined): Locale {
  return saved ?? localeFromAcceptLanguage(acceptLanguage) ?? 'en';
}
