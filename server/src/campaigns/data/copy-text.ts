// PostgreSQL COPY text format for the import's rows: tab-separated, \N for NULL, backslash escapes.
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export const copyText = (v: string | null): string => (v === null ? '\\N' : v.replace(SPECIAL, (m) => ESCAPES[m]!));

/** A text[] literal with every element quoted. */
export const copyTextArray = (items: readonly string[]): string => copyText(`{${items.map((s) => `"${s.replace(/["\\]/g, (m) => '\\' + m)}"`).join(',')}}`);
