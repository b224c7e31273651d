import { writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

/** One file to put in the archive. */
export interface ZipFileEntry {
  name: string;
  data: string | Buffer;
}

interface WrittenEntry {
  name: Buffer;
  crc: number;
  size: number;
  compressed: Buffer;
  offset: number;
}

function localHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressed.length, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(8, 10);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressed.length, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endRecord(count: number, directorySize: number, directoryOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(directorySize, 12);
  record.writeUInt32LE(directoryOffset, 16);
  return record;
}

/**
 * Writes a plain deflated ZIP archive, so that tests can build .xlsx files with contents that
 * exceljs would never write (malformed XML, missing parts) but with correct checksums.
 */
export async function writeZip(filePath: string, files: ZipFileEntry[]): Promise<void> {
  const parts: Buffer[] = [];
  const written: WrittenEntry[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.from(file.data);
    const entry: WrittenEntry = {
      name: Buffer.from(file.name, 'utf8'),
      crc: crc32(data),
      size: data.length,
      compressed: deflateRawSync(data),
      offset,
    };
    const header = localHeader(entry);
    parts.push(header, entry.compressed);
    written.push(entry);
    offset += header.length + entry.compressed.length;
  }
  const directory = Buffer.concat(written.map(centralHeader));
  parts.push(directory, endRecord(written.length, directory.length, offset));
  await writeFile(filePath, Buffer.concat(parts));
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const OPENXML = 'http://schemas.openxmlformats.org';
const MAIN_NAMESPACE = `${OPENXML}/spreadsheetml/2006/main`;
const RELATIONSHIP_TYPES = `${OPENXML}/officeDocument/2006/relationships`;
const PACKAGE_RELATIONSHIPS = `${OPENXML}/package/2006/relationships`;
const RELATIONSHIPS_CONTENT_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';

function relationships(type: string, target: string): string {
  const attributes = `Id="rId1" Type="${RELATIONSHIP_TYPES}/${type}" Target="${target}"`;
  const body = `<Relationship ${attributes}/>`;
  const root = `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${body}</Relationships>`;
  return XML_DECLARATION + root;
}

function contentTypes(): string {
  const defaults = [
    `<Default Extension="rels" ContentType="${RELATIONSHIPS_CONTENT_TYPE}"/>`,
    '<Default Extension="xml" ContentType="application/xml"/>',
  ];
  const namespace = `${OPENXML}/package/2006/content-types`;
  return `${XML_DECLARATION}<Types xmlns="${namespace}">${defaults.join('')}</Types>`;
}

function workbookXml(sheetName: string): string {
  const sheet = `<sheet name="${sheetName}" sheetId="1" r:id="rId1"/>`;
  const namespaces = `xmlns="${MAIN_NAMESPACE}" xmlns:r="${RELATIONSHIP_TYPES}"`;
  return `${XML_DECLARATION}<workbook ${namespaces}><sheets>${sheet}</sheets></workbook>`;
}

/** Parts of a minimal one-sheet .xlsx whose sheet XML is `sheetXml`, without shared strings. */
export function minimalXlsxEntries(sheetName: string, sheetXml: string): ZipFileEntry[] {
  return [
    { name: '[Content_Types].xml', data: contentTypes() },
    { name: '_rels/.rels', data: relationships('officeDocument', 'xl/workbook.xml') },
    { name: 'xl/workbook.xml', data: workbookXml(sheetName) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: relationships('worksheet', 'worksheets/sheet1.xml'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
  ];
}
