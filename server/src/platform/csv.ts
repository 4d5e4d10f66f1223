// CSV for downloads that people open in a spreadsheet.

/**
 * One CSV line (RFC 4180, CRLF). A cell that a spreadsheet would read as a formula (=, +, -,
 * @, tab or carriage return first) is written with a leading apostrophe, so text written into
 * kefu by anyone cannot run as a formula on the reader's machine.
 */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
