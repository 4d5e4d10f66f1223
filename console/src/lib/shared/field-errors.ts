// A refused save as messages next to the fields the form has, and one for the rest. Pure apart
// from the current language.
import { isApiError } from './api.js';
import { errorMessage } from './errors.js';
import { t } from '../i18n/index.svelte.js';

export interface FormErrors {
  /** Field name → message, for the fields the form shows. */
  fields: Record<string, string>;
  /** For the whole form: a failure no field owns, or the summary of the field errors. */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/**
 * The server names bad fields on a 400, in the viewer's language (the one saved on the account,
 * else the browser's); they are shown as they come. Fields the form does not show go into the
 * form's message.
 */
export function formErrorsOf(e: unknown, shown: readonly string[]): FormErrors {
  if (!isApiError(e) || e.code !== 'VALIDATION' || e.fields.length === 0) return { fields: {}, form: errorMessage(e) };
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const f of e.fields) {
    const name = f.field.split('.')[0] ?? f.field;
    if (shown.includes(name)) fields[name] ??= f.message;
    else loose.push(f.message);
  }
  return { fields, form: [t('caseForm.notSaved'), ...loose].join(t('common.sentenceSeparator')) };
}

/** A refusal in one sentence, with the server's reason when it gave one (a 409 says why). */
export function refusalMessage(e: unknown): string {
  if (isApiError(e) && (e.code === 'CONFLICT' || e.code === 'VALIDATION') && e.message) {
    const reasons = e.fields.length ? e.fields.map((f) => f.message) : [e.message];
    return reasons.join(t('common.sentenceSeparator'));
  }
  return errorMessage(e);
}
