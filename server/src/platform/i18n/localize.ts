// Puts a message the server is about to send into the viewer's language. Used at the edges only
// (the HTTP error middleware and the socket acks): rules keep throwing English, which the logs
// and the tests read, and a message the catalogue does not know goes out in English unchanged.
import type { FieldError, Locale } from '../../../../contract/index.js';
import type { MessagePattern } from './message-pattern.js';
import { MESSAGE_PATTERNS_ZH_CN } from './message-patterns.zh-CN.js';
import { MESSAGES_ZH_CN } from './messages.zh-CN.js';
import { ZOD_MESSAGES_ZH_CN, ZOD_PATTERNS_ZH_CN } from './zod-messages.zh-CN.js';

interface Catalogue {
  exact: ReadonlyMap<string, string>;
  patterns: readonly MessagePattern[];
}

const ZH_CN: Catalogue = {
  exact: new Map(Object.entries({ ...ZOD_MESSAGES_ZH_CN, ...MESSAGES_ZH_CN })),
  // zod's "Invalid input: must include …" before the server's looser "Invalid input: <fields>".
  patterns: [...ZOD_PATTERNS_ZH_CN, ...MESSAGE_PATTERNS_ZH_CN],
};

function translate(message: string, catalogue: Catalogue): string | null {
  const exact = catalogue.exact.get(message);
  if (exact !== undefined) return exact;
  for (const p of catalogue.patterns) {
    const m = p.match.exec(message);
    const out = m ? p.to(...m.slice(1)) : null;
    if (out !== null) return out;
  }
  return null;
}

/** The 简体中文 for an English message, or null when the catalogue has none. */
export function translateToZhCN(message: string): string | null {
  return translate(message, ZH_CN);
}

/** The message in `locale`; English when there is no translation. */
export function localizeMessage(message: string, locale: Locale): string {
  switch (locale) {
    case 'en':
      return message;
    case 'zh-CN':
      return translateToZhCN(message) ?? message;
    default: {
      const unhandled: never = locale;
      return unhandled;
    }
  }
}

/** An error's message and field messages in `locale`, fields in their order. */
export function localizeError(
  error: { message: string; fields?: readonly FieldError[] | undefined },
  locale: Locale,
): { message: string; fields?: FieldError[] } {
  const message = localizeMessage(error.message, locale);
  if (!error.fields) return { message };
  return { message, fields: error.fields.map((f) => ({ field: f.field, message: localizeMessage(f.message, locale) })) };
}
