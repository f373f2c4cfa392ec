// CSV cells and lines as RFC 4180 has them (quoted when they hold a quote, comma or line break), made safe
// to open in a spreadsheet as OWASP's CSV-injection advice has it: text from the logs is anyone's who can
// write to the storage account, and a cell starting with =, +, -, @, a tab or a carriage return would be
// run as a formula, so it gets a leading ' (shown as text). A cell holding a ; is quoted as well, for
// spreadsheets that split on it.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}
