// The console's language: a typed dictionary per locale, switchable at any time.
import { LOCALES, type Locale } from '@kefu/contract';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import type { MessageKey, MessageParams, Messages, PluralKey } from './messages.js';

export type { MessageKey, PluralKey } from './messages.js';

export const LOCALE_STORAGE_KEY = 'kefu.locale';

const dictionaries: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** How each locale names itself in the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
  return langs.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

function interpolate(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

class I18n {
  locale = $state<Locale>(storedLocale() ?? browserLocale());
  #plurals = $derived(new Intl.PluralRules(this.locale));

  constructor() {
    this.#applyToDocument();
  }

  /** The message for `key` in the current locale, with {placeholders} filled in. */
  t = (key: MessageKey, params?: MessageParams): string => interpolate(dictionaries[this.locale][key], params);

  /** A `.one` / `.other` message chosen by `count` (also available as {count}). */
  plural = (key: PluralKey, count: number, params?: MessageParams): string => {
    const form = this.#plurals.select(count) === 'one' ? 'one' : 'other';
    return this.t(`${key}.${form}` as MessageKey, { count, ...params });
  };

  /** Switches the language at once and remembers it in this browser. */
  set(locale: Locale): void {
    this.locale = locale;
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
    this.#applyToDocument();
  }

  #applyToDocument() {
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
  }
}

export const i18n = new I18n();
export const t = i18n.t;
export const plural = i18n.plural;
