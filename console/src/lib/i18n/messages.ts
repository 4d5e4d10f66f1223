import type { en } from './en.js';

/** Every message key; the English dictionary is the reference. */
export type MessageKey = keyof typeof en;

/** A complete dictionary: exactly the English keys, any wording. */
export type Messages = { readonly [K in MessageKey]: string };

/** Keys that come in `.one` / `.other` pairs, named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export type MessageParams = Record<string, string | number>;
