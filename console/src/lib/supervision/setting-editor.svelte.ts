// Saving one setting with the version the admin started from: field errors of a refused save
// are kept by field name, and a save that lost a race (409) asks for a reload.
import type { FieldError, SettingKey, SettingValues, StoredSetting } from '@kefu/contract';
import { isApiError } from '../shared/api.js';
import { messagesAt } from './settings-form.js';
import { supervisionApi } from './supervision-api.js';

export type EditorStatus = 'idle' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'failed' | 'reloading';

export class SettingEditor<K extends SettingKey> {
  version = $state(0);
  status = $state<EditorStatus>('idle');
  /** Bad fields, named as the server names them (e.g. 'weeklyHours.1.0.end'). */
  errors = $state.raw<FieldError[]>([]);
  error = $state<unknown>(null);

  constructor(
    readonly key: K,
    version: number,
  ) {
    this.version = version;
  }

  /** Problems found before sending: shown like the server's, nothing is sent. */
  refuse(errors: FieldError[]): void {
    this.errors = errors;
    this.status = 'invalid';
  }

  /** Answers the saved setting, or null when it was not saved (the state says why). */
  async save(value: SettingValues[K]): Promise<StoredSetting<K> | null> {
    if (this.status === 'saving') return null;
    this.status = 'saving';
    this.errors = [];
    this.error = null;
    try {
      const saved = await supervisionApi.saveSetting(this.key, this.version, value);
      this.version = saved.version;
      this.status = 'saved';
      return saved;
    } catch (e) {
      this.error = e;
      if (isApiError(e) && e.code === 'CONFLICT') this.status = 'conflict';
      else if (isApiError(e) && e.code === 'VALIDATION' && e.fields.length > 0) {
        this.errors = e.fields;
        this.status = 'invalid';
      } else this.status = 'failed';
      return null;
    }
  }

  /** The setting as stored now (after a conflict); null when it could not be read. */
  async reload(): Promise<StoredSetting<K> | null> {
    this.status = 'reloading';
    try {
      const fresh = await supervisionApi.setting(this.key);
      this.version = fresh.version;
      this.errors = [];
      this.error = null;
      this.status = 'idle';
      return fresh;
    } catch (e) {
      this.error = e;
      this.status = 'failed';
      return null;
    }
  }

  /** The messages for a field (and, with `nested`, the fields inside it), joined. */
  at = (path: string, nested = true): string | null => {
    const list = messagesAt(this.errors, path, nested);
    return list.length ? list.join(' ') : null;
  };
}
