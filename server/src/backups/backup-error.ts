import { english, msg, type Message, type MessageKey, type MessageParams } from '../platform/i18n/message.js';

/**
 * A backup or restore that could not be done for a reason the operator can act on (no key, no
 * matching pg_dump, a full disk). Carries its message as a code, so the admin's page shows it in
 * their language; the command line prints the English.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(readonly messageKey: Message) {
    super(english(messageKey));
  }
}

export const backupError = (key: MessageKey, params?: MessageParams) => new BackupError(msg(key, params));

/** The first lines of a tool's error output, enough to tell what went wrong. */
export function firstLines(text: string, max = 400): string {
  const t = text.trim().split('\n').slice(0, 4).join(' ').replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t || 'no message';
}
