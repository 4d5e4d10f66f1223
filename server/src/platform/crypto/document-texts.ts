// The free texts inside a JSON document (a case event's detail), found by one rule so that
// sealing, opening and erasure's redaction all treat the same strings as personal data.
//
// A string is a fact (kept as it is) only when its own key and every key above it name such a
// fact, or a container of facts: `{changes: {priority: {from, to}}}` keeps its values,
// `{changes: {subject: {from, to}}}` does not. Strings in arrays are always free text.
export interface DocumentTextRule {
  /** Keys whose string values say what happened (status moves, outcomes, ids, times). */
  factKeys: ReadonlySet<string>;
  /** Keys that only group facts by the name of what changed. */
  containerKeys: ReadonlySet<string>;
}

/** The document with every free text replaced by `f(text)`; numbers, booleans and facts stay. */
export function mapFreeTexts(doc: unknown, rule: DocumentTextRule, f: (text: string) => string): unknown {
  return walk(doc, null, true);

  function walk(v: unknown, key: string | null, trusted: boolean): unknown {
    if (typeof v === 'string') return trusted && key !== null && rule.factKeys.has(key) ? v : f(v);
    if (Array.isArray(v)) return v.map((d) => walk(d, null, false));
    if (v && typeof v === 'object') {
      const above = trusted && (key === null || rule.containerKeys.has(key) || rule.factKeys.has(key));
      return Object.fromEntries(Object.entries(v).map(([k, d]) => [k, walk(d, k, above)]));
    }
    return v;
  }
}
