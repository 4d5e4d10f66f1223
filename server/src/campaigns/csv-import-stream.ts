// The one path every file import takes (leads, purchases): the body read as it arrives (capped
// in size), its header, then each data row checked, turned into a COPY line or rejected with its
// reason, duplicates inside the file found by a key of the row, and progress reported every so
// many rows. Nothing is dropped silently: each row read is either yielded or rejected.
import { CsvLimitError, readCsv } from '../platform/csv-reader.js';
import { DomainError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';

export const MAX_IMPORT_MB = 512;
const PROGRESS_EVERY_ROWS = 20_000;
const BATCH_CHARS = 256 * 1024;

/** One data row checked: a COPY line (with the key that makes two rows the same), or a rejection. */
export type ImportRowOutcome<R extends string> = { ok: true; key: string | null; line: string } | { ok: false; reason: R; detail: string | null };

export interface ImportRejected<R extends string> {
  row: number;
  reason: R;
  detail: string | null;
}

/** Counts bytes as they pass and stops a body past the limit. */
async function* limited(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Buffer | string> {
  let n = 0;
  for await (const chunk of source) {
    n += chunk.length;
    if (n > maxBytes) throw new DomainError('PAYLOAD_TOO_LARGE', msg('campaign.fileTooLarge', { mb: MAX_IMPORT_MB }));
    yield chunk;
  }
}

const unreadable = (err: unknown): never => {
  if (err instanceof CsvLimitError) throw new DomainError('VALIDATION', msg('campaign.csvUnreadable', { detail: err.message }));
  throw err;
};

export class CsvImportStream<R extends string> {
  rowsRead = 0;
  readonly rejected: ImportRejected<R>[] = [];

  private constructor(
    private readonly records: AsyncIterator<string[]>,
    /** The first record; null for an empty file. */
    readonly header: string[] | null,
  ) {}

  static async open<R extends string>(body: AsyncIterable<Buffer | string>): Promise<CsvImportStream<R>> {
    const records = readCsv(limited(body, MAX_IMPORT_MB * 1024 * 1024))[Symbol.asyncIterator]();
    const first = await records.next().catch(unreadable);
    return new CsvImportStream<R>(records, first.done ? null : first.value);
  }

  /**
   * The COPY text of the accepted rows, in batches. `check` is given the row's cells and its
   * number (1 = the first line after the header); a row whose key an earlier row had is
   * rejected as `duplicate`, naming that row.
   */
  async *lines(check: (cells: string[], row: number) => ImportRowOutcome<R>, duplicate: R, progress: (rowsRead: number) => Promise<void>): AsyncGenerator<string> {
    const firstRowOf = new Map<string, number>();
    let batch = '';
    for (;;) {
      const next = await this.records.next().catch(unreadable);
      if (next.done) break;
      const row = ++this.rowsRead;
      const checked = check(next.value, row);
      if (!checked.ok) this.rejected.push({ row, reason: checked.reason, detail: checked.detail });
      else {
        const first = checked.key === null ? undefined : firstRowOf.get(checked.key);
        if (first !== undefined) this.rejected.push({ row, reason: duplicate, detail: `row ${first}` });
        else {
          if (checked.key !== null) firstRowOf.set(checked.key, row);
          batch += checked.line;
        }
      }
      if (batch.length > BATCH_CHARS) {
        yield batch;
        batch = '';
      }
      if (row % PROGRESS_EVERY_ROWS === 0) await progress(row);
    }
    if (batch) yield batch;
  }
}
