// CSV cells and lines as RFC 4180 has them: quoted when they hold a quote, comma or line break.

function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}
