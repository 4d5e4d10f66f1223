// Reading CSV as it arrives (RFC 4180: quoted fields may hold commas, quotes doubled, and line
// breaks; lines end in CRLF or LF; a UTF-8 byte-order mark is ignored). Records are yielded one by
// one, so a million-row upload never sits in memory whole.
import { StringDecoder } from 'node:string_decoder';

export class CsvLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvLimitError';
  }
}

/** A field longer than this is not a list someone meant to upload. */
const MAX_FIELD_CHARS = 10_000;

/** Records of a CSV stream, each an array of its fields. A blank line is skipped. */
export async function* readCsv(source: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let field = '';
  let record: string[] = [];
  let quoted = false;
  // Inside quotes, a quote is either the end or the first of a doubled quote: decided by the next char.
  let quotePending = false;
  let started = false;
  let first = true;
  let out: string[][] = [];

  const endField = () => {
    record.push(field);
    field = '';
    started = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) out.push(record);
    record = [];
  };

  const feed = (text: string) => {
    // PostgreSQL text cannot hold NUL: a file with one is not a list of names and numbers.
    if (text.includes('\u0000')) throw new CsvLimitError('NUL character');
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (quotePending) {
          quotePending = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          quoted = false; // the quote closed the field; this char is read as unquoted below
        } else if (ch === '"') {
          quotePending = true;
          continue;
        } else {
          field += ch;
          if (field.length > MAX_FIELD_CHARS) throw new CsvLimitError('field too long');
          continue;
        }
      }
      if (ch === ',') endField();
      else if (ch === '\n') endRecord();
      else if (ch === '\r') {
        /* CRLF: the LF ends the record */
      } else if (ch === '"' && !started) {
        quoted = true;
        started = true;
      } else {
        field += ch;
        started = true;
        if (field.length > MAX_FIELD_CHARS) throw new CsvLimitError('field too long');
      }
    }
  };

  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    feed(text);
    if (out.length) {
      const ready = out;
      out = [];
      yield* ready;
    }
  }
  feed(decoder.end());
  if (quotePending) {
    quoted = false;
    quotePending = false;
  }
  if (field !== '' || record.length > 0 || started) endRecord();
  yield* out;
}
