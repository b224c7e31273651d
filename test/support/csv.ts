/** A parsed CSV file: the header row and the data rows as header-keyed records. */
export interface ParsedCsv {
  bom: boolean;
  header: string[];
  rows: Record<string, string>[];
}

/**
 * Parses RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks;
 * records end with CRLF or LF. Written for the tests so that they do not trust the library
 * that produced the file.
 */
export function parseCsv(text: string, delimiter: string): ParsedCsv {
  const bom = text.startsWith('\ufeff');
  const records = splitRecords(bom ? text.slice(1) : text, delimiter);
  const [header, ...data] = records;
  const rows = data.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new Error(
        `CSV record ${index + 2} has ${fields.length} fields, the header ${header.length}`,
      );
    }
    return Object.fromEntries(header.map((name, column) => [name, fields[column]]));
  });
  return { bom, header, rows };
}

function splitRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
