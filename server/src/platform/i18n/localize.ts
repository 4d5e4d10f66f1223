// Puts a message the server is about to send into the viewer's language. Used at the edges only
// (the HTTP error middleware and the socket acks): rules throw a message code and params (see
// message.ts), looked up here in the viewer's catalogue. Messages without a code yet (zod's own,
// the contract's refinements, the cases room's) are still matched by their English text. A
// message the catalogue does not know goes out in English unchanged.
import type { FieldError, Locale } from '../../../../contract/index.js';
import { english, interpolate, type Message } from './message.js';
import type { MessagePattern } from './message-pattern.js';
import { MESSAGES_ZH_CN, type Translation } from './messages.zh-CN.js';
import { ZOD_MESSAGES_ZH_CN, ZOD_PATTERNS_ZH_CN } from './zod-messages.zh-CN.js';

interface Catalogue {
  byKey: Readonly<Record<Message['key'], Translation>>;
  exact: ReadonlyMap<string, string>;
  patterns: readonly MessagePattern[];
}

const ZH_CN: Catalogue = {
  byKey: MESSAGES_ZH_CN,
  exact: new Map(Object.entries(ZOD_MESSAGES_ZH_CN)),
  patterns: ZOD_PATTERNS_ZH_CN,
};

function translateText(message: string, catalogue: Catalogue): string | null {
  const exact = catalogue.exact.get(message);
  if (exact !== undefined) return exact;
  for (const p of catalogue.patterns) {
    const m = p.match.exec(message);
    const out = m ? p.to(...m.slice(1)) : null;
    if (out !== null) return out;
  }
  return null;
}

function translateKeyed(message: Message, catalogue: Catalogue): string | null {
  const entry = catalogue.byKey[message.key];
  if (typeof entry === 'string') return interpolate(entry, message.params);
  return entry(message.params ?? {});
}

/** The 简体中文 for an English message without a code, or null when the catalogue has none. */
export function translateToZhCN(message: string): string | null {
  return translateText(message, ZH_CN);
}

/** The 简体中文 for a coded message, or null when a word in its params is unknown. */
export function translateKeyedToZhCN(message: Message): string | null {
  return translateKeyed(message, ZH_CN);
}

/** The message in `locale`; English when there is no translation. */
export function localizeMessage(message: string | Message, locale: Locale): string {
  const en = typeof message === 'string' ? message : english(message);
  switch (locale) {
    case 'en':
      return en;
    case 'zh-CN':
      return (typeof message === 'string' ? translateToZhCN(message) : translateKeyedToZhCN(message)) ?? en;
    default: {
      const unhandled: never = locale;
      return unhandled;
    }
  }
}

interface Localizable {
  message: string;
  messageKey?: Message | undefined;
}

/** A message by its code when it has one, else by its English text. */
const localizeOne = (m: Localizable, locale: Locale) => localizeMessage(m.messageKey ?? m.message, locale);

/** An error's message and field messages in `locale`, fields in their order. */
export function localizeError(
  error: Localizable & { fields?: readonly (FieldError & { messageKey?: Message | undefined })[] | undefined },
  locale: Locale,
): { message: string; fields?: FieldError[] } {
  const message = localizeOne(error, locale);
  if (!error.fields) return { message };
  return { message, fields: error.fields.map((f) => ({ field: f.field, message: localizeOne(f, locale) })) };
}
