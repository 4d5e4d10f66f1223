// Search keys for tickets and complaints. PostgreSQL's text parser does not split Chinese into
// words, so the application does: Latin words and numbers whole (lower case), and Chinese,
// Japanese and Korean text as single characters and overlapping pairs. A query for 安装师傅
// then needs the pairs 安装, 装师, 师傅 — a substring match that a GIN index answers.
const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function cjkRuns(word: string): { cjk: string[]; rest: string[] } {
  const cjk: string[] = [];
  const rest: string[] = [];
  let run = '';
  let other = '';
  for (const ch of word) {
    if (CJK.test(ch)) {
      if (other) rest.push(other), (other = '');
      run += ch;
    } else {
      if (run) cjk.push(run), (run = '');
      other += ch;
    }
  }
  if (run) cjk.push(run);
  if (other) rest.push(other);
  return { cjk, rest };
}

function pairs(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Keys stored for a document: every word, every CJK character and every CJK pair. */
export function documentKeys(...texts: (string | null | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const word of (text ?? '').toLowerCase().normalize('NFKC').match(WORD) ?? []) {
      const { cjk, rest } = cjkRuns(word);
      for (const r of rest) keys.add(r);
      for (const run of cjk) {
        for (const ch of run) keys.add(ch);
        for (const p of pairs(run)) keys.add(p);
      }
    }
  }
  return [...keys];
}

/** Keys a query must all match: words, and the pairs of each CJK run (one character alone). */
export function queryKeys(query: string): string[] {
  const keys = new Set<string>();
  for (const word of query.toLowerCase().normalize('NFKC').match(WORD) ?? []) {
    const { cjk, rest } = cjkRuns(word);
    for (const r of rest) keys.add(r);
    for (const run of cjk) for (const p of pairs(run)) keys.add(p);
  }
  return [...keys].slice(0, 32);
}

/** A tsquery of quoted lexemes ANDed together; keys hold only letters and digits. */
export function toTsQuery(keys: string[]): string {
  return keys.map((k) => `'${k}'`).join(' & ');
}
