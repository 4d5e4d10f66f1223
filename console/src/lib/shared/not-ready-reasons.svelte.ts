// The Not-ready reasons as the admin set them up, read once per session and again after a
// refusal: the desk offers the active ones, and every state view words a reason through
// `reasonWords`, retired ones too. The system's own reasons (missed call, after-call work, just
// signed in) are worded by the console's catalogue.
import { isSystemNotReadyReason, type NotReadyReason, type NotReadyReasonList } from '@kefu/contract';
import { i18n, t } from '../i18n/index.svelte.js';
import { request } from './api.js';

class NotReadyReasonBook {
  items = $state.raw<NotReadyReason[]>([]);
  #loading: Promise<void> | null = null;

  /** The reasons an agent may choose now, in the admin's order. */
  get active(): NotReadyReason[] {
    return this.items.filter((r) => r.active);
  }

  /** Reads the list; concurrent callers share one request. A failure keeps the last list. */
  load(): Promise<void> {
    this.#loading ??= request<NotReadyReasonList>('GET', '/api/not-ready-reasons')
      .then((l) => void (this.items = l.items))
      .catch(() => {})
      .finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** `wanted` when the agent may still choose it, otherwise the first active reason. */
  choosable(wanted: string): string {
    const active = this.active;
    return active.some((r) => r.code === wanted) || active.length === 0 ? wanted : active[0]!.code;
  }

  /** The reason's words as a label ("Lunch", "午餐"); the code itself when nobody has worded it. */
  words(code: string): string {
    if (isSystemNotReadyReason(code)) return t(`reasonInline.${code}`);
    const r = this.items.find((x) => x.code === code);
    if (!r) return code;
    return i18n.locale === 'zh-CN' ? r.labelZh : r.label;
  }

  /** The words inside a sentence: "Not ready (lunch)". English labels lose their capital, unless an acronym. */
  inlineWords(code: string): string {
    const w = this.words(code);
    if (isSystemNotReadyReason(code) || i18n.locale === 'zh-CN' || /^.[A-Z]/.test(w)) return w;
    return w.charAt(0).toLowerCase() + w.slice(1);
  }

  reset(): void {
    this.items = [];
  }
}

export const notReadyReasons = new NotReadyReasonBook();

/**
 * The one way to word a Not-ready reason in a state view: the desk, the wallboard, reports. A page
 * that shows reasons calls `notReadyReasons.load()` once (the desk does at start); until the list
 * arrives a reason reads as its code.
 */
export const reasonWords = (code: string): string => notReadyReasons.inlineWords(code);
