// A user-facing message as a code and its params; the text in any language is written from
// these by the catalogues, never matched back from English.
import { MESSAGES_EN, type MessageKey } from './messages.en.js';

export type { MessageKey } from './messages.en.js';
export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** Replaces each `{name}` in `template` by its param; a missing param stays as written. */
export function interpolate(template: string, params: MessageParams | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The English text of a message. */
export function english(message: Message): string {
  return interpolate(MESSAGES_EN[message.key], message.params);
}

export const msg = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });
