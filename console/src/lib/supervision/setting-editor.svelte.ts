// Saving one setting with the version the admin started from: field errors of a refused save
// are kept by field name, and a save that lost a race (409) asks for a reload. The rules of a
// save are the same whatever the setting's route: VersionedEditor holds them, and each kind
// of setting gives it its read and its save.
import type { FieldError, SettingKey, SettingValues, StoredSetting } from '@kefu/contract';
import { isApiError } from '../shared/api.js';
import { messagesAt } from './settings-form.js';
import { supervisionApi } from './supervision-api.js';

export type EditorStatus = 'idle' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'failed' | 'reloading';

/** How a setting is read and saved over its version. */
export interface VersionedSettingIo<V, S extends { version: number; value: V }> {
  save(version: number, value: V): Promise<S>;
  load(): Promise<S>;
}

export class VersionedEditor<V, S extends { version: number; value: V }> {
  version = $state(0);
  status = $state<EditorStatus>('idle');
  /** Bad fields, named as the server names them (e.g. 'weeklyHours.1.0.end'). */
  errors = $state.raw<FieldError[]>([]);
  error = $state<unknown>(null);

  constructor(
    version: number,
    private readonly io: VersionedSettingIo<V, S>,
  ) {
    this.version = version;
  }

  /** Problems found before sending: shown like the server's, nothing is sent. */
  refuse(errors: FieldError[]): void {
    this.errors = errors;
    this.status = 'invalid';
  }

  /** Answers the saved setting, or null when it was not saved (the state says why). */
  async save(value: V): Promise<S | null> {
    if (this.status === 'saving') return null;
    this.status = 'saving';
    this.errors = [];
    this.error = null;
    try {
      const saved = await this.io.save(this.version, value);
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
  async reload(): Promise<S | null> {
    this.status = 'reloading';
    try {
      const fresh = await this.io.load();
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

/** A setting of the /api/settings routes (calendar, SLA, follow-ups). */
export class SettingEditor<K extends SettingKey> extends VersionedEditor<SettingValues[K], StoredSetting<K>> {
  constructor(
    readonly key: K,
    version: number,
  ) {
    super(version, { save: (v, value) => supervisionApi.saveSetting(key, v, value), load: () => supervisionApi.setting(key) });
  }
}
