// One admin list of codes (Not-ready reasons, disposition codes): load it, add a code, edit one
// at the version it was loaded at, retire or restore it, and say what was saved. The pages keep
// only what is theirs (a disposition's "reveals a case" box, the choice of a queue's list).
import type { MessageKey } from '../i18n/index.svelte.js';
import { t } from '../i18n/index.svelte.js';
import { formErrorsOf, NO_ERRORS, refusalMessage, type FormErrors } from '../shared/field-errors.js';
import { codeFormOf, codePatchBody, EMPTY_CODE_FORM, type CodeFormValues } from './code-form.js';

export interface EditableCode {
  id: number;
  code: string;
  label: string;
  labelZh: string;
  sort: number;
  active: boolean;
  version: number;
}

/** What every code's edit may send; a page's own fields (E) go beside it. */
export type CodePatch = ReturnType<typeof codePatchBody> & { active?: boolean };

export interface EditableCodeListOptions<T extends EditableCode, E extends object = object> {
  load: () => Promise<T[]>;
  create: (form: CodeFormValues) => Promise<T>;
  update: (id: number, patch: CodePatch & Partial<E>) => Promise<T>;
  /** The list's order once a saved code is put back in it. */
  order: (a: T, b: T) => number;
  /** The fields the forms show, for the server's field errors. */
  fields: readonly string[];
  /** The sentences after each save, given the code's words as {name}. */
  said: Record<'created' | 'saved' | 'retired' | 'restored', MessageKey>;
  nameOf: (c: T) => string;
  /** A page's own additions to an edit (e.g. a changed check box). */
  extraPatch?: (before: T) => Partial<E>;
  /** After any save: e.g. the desk's list of reasons follows at once. */
  saved?: (c: T) => void;
}

export class EditableCodeList<T extends EditableCode, E extends object = object> {
  items = $state.raw<T[]>([]);
  status = $state<'loading' | 'done' | 'error'>('loading');
  loadError = $state<unknown>(null);
  /** The "new code" form. */
  draft = $state<CodeFormValues>({ ...EMPTY_CODE_FORM });
  errors = $state<FormErrors>(NO_ERRORS);
  /** The code being edited, and its form. */
  editing = $state.raw<T | null>(null);
  editDraft = $state<CodeFormValues>({ ...EMPTY_CODE_FORM });
  editErrors = $state<FormErrors>(NO_ERRORS);
  /** What was saved last, for the status line; a refused retire or restore. */
  done = $state<string | null>(null);
  rowError = $state<string | null>(null);

  constructor(private readonly o: EditableCodeListOptions<T, E>) {}

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      this.items = await this.o.load();
      this.status = 'done';
    } catch (e) {
      this.loadError = e;
      this.status = 'error';
    }
  }

  /** Adds the new code; true when it was saved (the form is then emptied). */
  async create(): Promise<boolean> {
    this.errors = NO_ERRORS;
    try {
      this.put(await this.o.create(this.draft), 'created');
      this.draft = { ...EMPTY_CODE_FORM };
      return true;
    } catch (err) {
      this.errors = formErrorsOf(err, this.o.fields);
      return false;
    }
  }

  startEdit(c: T): void {
    this.editing = c;
    this.editDraft = codeFormOf(c);
    this.editErrors = NO_ERRORS;
  }

  async saveEdit(): Promise<void> {
    const before = this.editing;
    if (!before) return;
    try {
      const patch: CodePatch & Partial<E> = { ...codePatchBody(before, this.editDraft), ...this.o.extraPatch?.(before) } as CodePatch & Partial<E>;
      this.put(await this.o.update(before.id, patch), 'saved');
      this.editing = null;
    } catch (err) {
      this.editErrors = formErrorsOf(err, this.o.fields);
    }
  }

  async setActive(c: T, active: boolean): Promise<void> {
    this.rowError = null;
    try {
      this.put(await this.o.update(c.id, { version: c.version, active } as CodePatch & Partial<E>), active ? 'restored' : 'retired');
    } catch (err) {
      this.rowError = refusalMessage(err);
    }
  }

  private put(saved: T, what: keyof EditableCodeListOptions<T, E>['said']): void {
    this.items = [...this.items.filter((x) => x.id !== saved.id), saved].sort(this.o.order);
    this.done = t(this.o.said[what], { name: this.o.nameOf(saved) });
    this.o.saved?.(saved);
  }
}
