// A translation for messages that carry names, numbers or states: a pattern over the whole
// English message and a function that writes it in the other language from the captured parts.

export interface MessagePattern {
  /** Anchored (^…$) over the whole English message. */
  readonly match: RegExp;
  /** The translation, or null when a captured word is one it does not know: the message then stays English. */
  readonly to: (...parts: string[]) => string | null;
}

/** The word for `key`, never one of Object's own properties ("constructor"). */
export function word(words: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(words, key) ? words[key] : undefined;
}

/** `write(w)` when the word is known; null, so the message stays English, when it is not. */
export function ifKnown(w: string | undefined, write: (w: string) => string): string | null {
  return w === undefined ? null : write(w);
}

/** Splits "a, b or c" (or "a, b and c") into its items. */
export function englishList(text: string): string[] {
  return text.split(/, (?:or |and )?| or | and /).filter((s) => s !== '');
}

/**
 * Translates every item with `words`; null when one is unknown, so a half-translated sentence is
 * never shown.
 */
export function translateAll(items: readonly string[], words: Readonly<Record<string, string>>): string[] | null {
  const out: string[] = [];
  for (const item of items) {
    const w = word(words, item);
    if (w === undefined) return null;
    out.push(w);
  }
  return out;
}

/**
 * Codes (API values such as an outcome or a disposition code) are shown as they are when no
 * word is known for them: they are identifiers, not English prose.
 */
export function codesIn(items: readonly string[], words: Readonly<Record<string, string>> = {}): string[] {
  return items.map((item) => word(words, item) ?? item);
}

/** 简体中文 lists: "甲、乙或丙". */
export function zhOrList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('、')}或${items[items.length - 1]}`;
}
