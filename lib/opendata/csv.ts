/**
 * CSV as RFC 4180 (CRLF line ends, fields quoted when they hold a quote, a comma or a line break,
 * quotes doubled), with a guard against formula injection: a text cell starting with = + - @ (or a
 * tab or carriage return, which some spreadsheets skip before reading a formula) is prefixed with a
 * single quote, so a spreadsheet shows it as text instead of running it. Spreadsheets set to split on
 * semicolons (the default in French locales) start a new cell after each `;`: the same guard applies
 * after a semicolon, and a cell holding one is quoted so that it stays one cell there too. Numbers
 * are written as numbers: a negative longitude stays a number.
 */
export type CsvValue = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEMICOLON = /;(?=[=+\-@\t\r])/g;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  text = text.replace(FORMULA_AFTER_SEMICOLON, ";'");
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
