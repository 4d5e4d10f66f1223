// The form of a Not-ready reason or a disposition code, to and from the API's shapes. Both are a
// code with English and 简体中文 words and an order; an empty order means "at the end".
export interface CodeFormValues {
  code: string;
  label: string;
  labelZh: string;
  /** As typed; '' for "at the end". */
  sort: string;
}

export const EMPTY_CODE_FORM: CodeFormValues = { code: '', label: '', labelZh: '', sort: '' };

interface CodeRow {
  code: string;
  label: string;
  labelZh: string;
  sort: number;
  version: number;
}

export function codeFormOf(c: CodeRow): CodeFormValues {
  return { code: c.code, label: c.label, labelZh: c.labelZh, sort: String(c.sort) };
}

/** A number when it is one; otherwise as typed, so the server names the field that is wrong. */
function sortOf(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  return /^\d+$/.test(s) ? Number(s) : (s as unknown as number);
}

export function codeCreateBody(v: CodeFormValues): { code: string; label: string; labelZh: string; sort?: number } {
  const sort = sortOf(v.sort);
  return { code: v.code.trim(), label: v.label.trim(), labelZh: v.labelZh.trim(), ...(sort !== undefined ? { sort } : {}) };
}

/** Only what changed, at the version the form was loaded with. */
export function codePatchBody(before: CodeRow, v: CodeFormValues): { version: number; label?: string; labelZh?: string; sort?: number } {
  const sort = sortOf(v.sort);
  return {
    version: before.version,
    ...(v.label.trim() !== before.label ? { label: v.label.trim() } : {}),
    ...(v.labelZh.trim() !== before.labelZh ? { labelZh: v.labelZh.trim() } : {}),
    ...(sort !== undefined && sort !== before.sort ? { sort } : {}),
  };
}

/** The words of a code in the console's language. */
export const codeWords = (c: { label: string; labelZh: string }, locale: string): string => (locale === 'zh-CN' ? c.labelZh : c.label);
