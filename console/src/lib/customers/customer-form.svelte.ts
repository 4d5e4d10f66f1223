// The create / edit customer form: drafts, checks against the shared schemas, and the
// server's field errors mapped back onto the fields the user typed in.
import type { ZodIssue } from 'zod';
import {
  CustomerCreate as CustomerCreateSchema,
  CustomerPatch as CustomerPatchSchema,
  type Customer,
  type CustomerCreate,
  type CustomerPatch,
  type FieldError,
  type PhoneInput,
  type ValueTier,
} from '@kefu/contract';
import { isApiError } from '../shared/api.js';
import { errorMessage } from '../shared/errors.js';
import { t, type MessageKey } from '../i18n/index.svelte.js';

export interface PhoneDraft {
  /** Stable key for the list; not sent. */
  key: number;
  number: string;
  label: string;
}

/** Field keys errors attach to: a plain field, or `phones.<draft index>.number|label`. */
export type FieldKey = string;

let nextKey = 1;
const draft = (number = '', label = ''): PhoneDraft => ({ key: nextKey++, number, label });

/** "a, b，c、d" → ["a","b","c","d"]: ASCII and Chinese commas both separate. Pure. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,，、]/)) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function sameStrings(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class CustomerForm {
  name = $state('');
  phones = $state<PhoneDraft[]>([]);
  email = $state('');
  company = $state('');
  region = $state('');
  address = $state('');
  tags = $state('');
  valueTier = $state<ValueTier>('standard');

  errors = $state<Record<FieldKey, string>>({});
  /** A message for the whole form (summary, or an error no field owns). */
  formError = $state<string | null>(null);
  saving = $state(false);

  /** Submitted phone index → draft index (empty drafts are not sent). */
  #sentPhones: number[] = [];

  constructor(readonly original: Customer | null = null) {
    if (original) {
      this.name = original.name;
      this.phones = original.phones.map((p) => draft(p.raw, p.label ?? ''));
      this.email = original.email ?? '';
      this.company = original.company ?? '';
      this.region = original.region ?? '';
      this.address = original.address ?? '';
      this.tags = original.tags.join(', ');
      this.valueTier = original.valueTier;
    } else {
      this.phones = [draft()];
    }
  }

  addPhone(): void {
    this.phones.push(draft());
  }

  removePhone(index: number): void {
    this.phones.splice(index, 1);
    this.errors = {};
  }

  #phoneInputs(): PhoneInput[] {
    this.#sentPhones = [];
    const out: PhoneInput[] = [];
    this.phones.forEach((p, i) => {
      if (p.number.trim() === '' && p.label.trim() === '') return;
      this.#sentPhones.push(i);
      out.push(p.label.trim() ? { number: p.number.trim(), label: p.label.trim() } : { number: p.number.trim() });
    });
    return out;
  }

  /** The POST body, or null after marking the fields that are wrong. */
  createBody(): CustomerCreate | null {
    const body: CustomerCreate = {
      name: this.name.trim(),
      phones: this.#phoneInputs(),
      email: orNull(this.email),
      company: orNull(this.company),
      region: orNull(this.region),
      address: orNull(this.address),
      tags: splitTags(this.tags),
      valueTier: this.valueTier,
    };
    return this.#check(CustomerCreateSchema.safeParse(body).error?.issues) ? body : null;
  }

  /** The PATCH body with only what changed; `{}` when nothing did; null when invalid. */
  patchBody(): CustomerPatch | null {
    const o = this.original;
    if (!o) throw new Error('patchBody needs the original customer');
    const patch: CustomerPatch = {};
    const name = this.name.trim();
    if (name !== o.name) patch.name = name;
    const phones = this.#phoneInputs();
    const before = o.phones.map((p) => `${p.raw}\u0000${p.label ?? ''}`);
    const after = phones.map((p) => `${p.number}\u0000${p.label ?? ''}`);
    if (!sameStrings(before, after)) patch.phones = phones;
    for (const key of ['email', 'company', 'region', 'address'] as const) {
      const v = orNull(this[key]);
      if (v !== o[key]) patch[key] = v;
    }
    const tags = splitTags(this.tags);
    if (!sameStrings(tags, o.tags)) patch.tags = tags;
    if (this.valueTier !== o.valueTier) patch.valueTier = this.valueTier;
    if (Object.keys(patch).length === 0) {
      this.errors = {};
      this.formError = null;
      return {};
    }
    return this.#check(CustomerPatchSchema.safeParse(patch).error?.issues) ? patch : null;
  }

  #check(issues: ZodIssue[] | undefined): boolean {
    this.errors = {};
    this.formError = null;
    if (!issues?.length) return true;
    this.#apply(issues.map((i) => ({ field: i.path.join('.'), message: messageForIssue(i) })));
    return false;
  }

  /** Puts a refused save's messages next to the fields (400), or on the form. */
  applyError(e: unknown): void {
    this.errors = {};
    if (isApiError(e) && e.code === 'VALIDATION' && e.fields.length) {
      this.#apply(e.fields.map((f) => ({ field: f.field, message: messageForServer(f) })));
    } else {
      this.formError = errorMessage(e);
    }
  }

  #apply(fields: FieldError[]) {
    const errors: Record<FieldKey, string> = {};
    const loose: string[] = [];
    for (const f of fields) {
      const key = this.#fieldKey(f.field);
      if (key) errors[key] ??= f.message;
      else loose.push(f.message);
    }
    this.errors = errors;
    this.formError = [t('form.notSaved'), ...loose].join(t('common.sentenceSeparator'));
  }

  /** Server/schema path → the input that shows it; null when no input owns it. */
  #fieldKey(path: string): FieldKey | null {
    const [head, index, sub] = path.split('.');
    switch (head) {
      case 'name':
      case 'email':
      case 'company':
      case 'region':
      case 'address':
      case 'valueTier':
      case 'tags':
        return head;
      case 'phones': {
        if (index === undefined) return 'phones';
        const draftIndex = this.#sentPhones[Number(index)];
        if (draftIndex === undefined) return 'phones';
        return `phones.${draftIndex}.${sub === 'label' ? 'label' : 'number'}`;
      }
      default:
        return null;
    }
  }
}

/** The schema's complaint, in the current language. */
function messageForIssue(i: ZodIssue): string {
  switch (i.code) {
    case 'too_small':
      return i.type === 'string' ? t('field.required') : t('field.invalid');
    case 'too_big':
      return t(i.type === 'array' ? 'field.tooMany' : 'field.tooLong', { max: Number(i.maximum) });
    case 'invalid_string':
      return i.validation === 'email' ? t('field.email') : t('field.invalid');
    default:
      return t('field.invalid');
  }
}

const SERVER_MESSAGES: Record<string, MessageKey> = {
  'Not a valid phone number': 'field.phone',
  'Invalid email': 'field.email',
  Required: 'field.required',
};

/**
 * The server writes field messages in the viewer's language, which the console follows once
 * signed in. The few it sends for this form are also known here, so they match the screen even
 * when the two differ (a language picked before signing in and never saved).
 */
function messageForServer(f: FieldError): string {
  const key = SERVER_MESSAGES[f.message];
  return key ? t(key) : f.message;
}
