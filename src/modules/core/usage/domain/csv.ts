/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and quotes doubled; lines end CRLF.
 * A text field starting with =, +, -, @, tab or CR gets a leading apostrophe so a spreadsheet shows
 * it instead of running it as a formula (names and titles are user input).
 */
export type CsvValue = string | number | null | undefined | Date;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
