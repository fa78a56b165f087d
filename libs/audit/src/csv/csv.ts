/**
 * CSV (RFC 4180) for exports, safe to open in a spreadsheet: a cell that starts with = + - @
 * (or a tab / carriage return, which some spreadsheets skip before a formula) gets a leading
 * single quote so it is shown as text, never evaluated ("CSV injection", OWASP).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
