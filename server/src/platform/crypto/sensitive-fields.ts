// The fields kefu keeps encrypted at rest, declared once: the repositories seal and open them
// through SensitiveFields, and `npm run encrypt-data` / `npm run rotate-key` walk this list.
// To mark another text column sensitive, add it here (its column must be `text`: a sealed value
// is about 4/3 of the clear text plus 60 characters), give it a partial index of its clear values
// as db/migrations/20261205160000_sensitive_fields_sealed.ts does (so the sealing at each start
// finds none quickly), and read and write it through SensitiveFields in its repository.
//
// Free texts inside a JSON column (a case event's detail) are declared in SENSITIVE_DOCUMENTS.
//
// Phone numbers are not here: the screen-pop and the campaign import find customers by their
// clear E.164 number (see the report of this change for what a blind index would take).
import type { KeyedHash } from '../keyed-hash.js';
import { mapFreeTexts, type DocumentTextRule } from './document-texts.js';
import { FieldCipher } from './field-cipher.js';
import type { Keyring } from './keyring.js';

export interface SensitiveFieldSpec {
  table: string;
  column: string;
  /**
   * A keyed hash of the normalised clear value, for exact-match search of a value that is no
   * longer readable by the database.
   */
  blindIndex?: { column: string; normalise: (clear: string) => string };
}

/** An email as it is matched: the same address however it was typed. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export const SENSITIVE_FIELDS = {
  'customers.email': { table: 'customers', column: 'email', blindIndex: { column: 'email_hash', normalise: normaliseEmail } },
  'customers.address': { table: 'customers', column: 'address' },
  'interactions.notes': { table: 'interactions', column: 'notes' },
  // A case's subject stays clear: it names the case in lists and is what case search reads.
  'tickets.description': { table: 'tickets', column: 'description' },
  'tickets.resolution': { table: 'tickets', column: 'resolution' },
  'tickets.compensation': { table: 'tickets', column: 'compensation' },
  'follow_up_tasks.note': { table: 'follow_up_tasks', column: 'note' },
} as const satisfies Record<string, SensitiveFieldSpec>;

export type SensitiveField = keyof typeof SENSITIVE_FIELDS;

export const SENSITIVE_FIELD_NAMES = Object.keys(SENSITIVE_FIELDS) as SensitiveField[];

/**
 * A JSON column whose free texts are sealed one by one, so the document keeps its shape and its
 * facts stay readable (the timeline's status moves, the reports' outcomes). `keyColumn` holds the
 * id of the key the texts were sealed under, null while they may still be clear: a document has
 * no single prefix the sealing could look for.
 */
export interface SensitiveDocumentSpec {
  table: string;
  column: string;
  keyColumn: string;
  texts: DocumentTextRule;
}

/** What says what happened on a case's timeline; every other string in an event is free text. */
export const CASE_EVENT_TEXTS: DocumentTextRule = {
  factKeys: new Set(['action', 'from', 'to', 'kind', 'priority', 'severity', 'reason', 'outcome', 'dueAt', 'nextDueAt', 'number', 'clock', 'level', 'status', 'category', 'rootCause', 'channel', 'assigneeId', 'teamId']),
  containerKeys: new Set(['changes']),
};

export const SENSITIVE_DOCUMENTS = {
  'case_events.detail': { table: 'case_events', column: 'detail', keyColumn: 'texts_key', texts: CASE_EVENT_TEXTS },
} as const satisfies Record<string, SensitiveDocumentSpec>;

export type SensitiveDocument = keyof typeof SENSITIVE_DOCUMENTS;

export const SENSITIVE_DOCUMENT_NAMES = Object.keys(SENSITIVE_DOCUMENTS) as SensitiveDocument[];

/** Seals and opens the declared fields, and computes their blind indexes. */
export class SensitiveFields {
  readonly cipher: FieldCipher;

  constructor(
    keyring: Keyring,
    private readonly hash: KeyedHash,
  ) {
    this.cipher = new FieldCipher(keyring);
  }

  seal(field: SensitiveField, clear: string | null): string | null {
    return clear === null ? null : this.cipher.seal(field, clear);
  }

  open(field: SensitiveField, stored: string | null): string | null {
    return stored === null ? null : this.cipher.open(field, stored);
  }

  /** The document with its free texts sealed (`leaveClear`: markers that are no one's data). */
  sealDocument<T>(field: SensitiveDocument, doc: T, leaveClear: readonly string[] = []): T {
    return mapFreeTexts(doc, SENSITIVE_DOCUMENTS[field].texts, (t) => (leaveClear.includes(t) ? t : this.cipher.seal(field, t))) as T;
  }

  /** The document with its free texts in clear; clear texts pass through. */
  openDocument<T>(field: SensitiveDocument, doc: T): T {
    return mapFreeTexts(doc, SENSITIVE_DOCUMENTS[field].texts, (t) => this.cipher.open(field, t)) as T;
  }

  /** The blind index of a clear value; null for a field without one or for no value. */
  blindIndex(field: SensitiveField, clear: string | null): string | null {
    const spec: SensitiveFieldSpec = SENSITIVE_FIELDS[field];
    if (!spec.blindIndex || clear === null) return null;
    return this.hash(`${field}:${spec.blindIndex.normalise(clear)}`);
  }
}
