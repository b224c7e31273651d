import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseWorkbook } from '../../src/import/workbook-reader';
import { WorkbookRejection } from '../../src/import/workbook-rejections';
import { MAX_UNCOMPRESSED_BYTES } from '../../src/import/zip-integrity';
import {
  FactorySheet,
  ministryTitle,
  NOMENCLATURE_COLUMNS,
  RETRAIT_COLUMNS,
  writeWorkbook,
} from '../support/workbook-factory';
import { expectImportRejected, makeTempDir } from './import-test-helpers';
import { minimalXlsxEntries, writeZip } from './zip-writer';

jest.setTimeout(60_000);

const REAL_WORKBOOK = '/work/shared/data/nomenclature-2025-07.xlsx';
const NOMENCLATURE_SUBJECT = 'NOMENCLATURE NATIONALE DES PRODUITS PHARMACEUTIQUES';
const SHEET_XML_START =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

function nomenclatureSheet(name: string, dateText: string): FactorySheet {
  const cells: Record<string, string> = {
    'N°ENREGISTREMENT': '001/01 A 001/25',
    'NOM DE MARQUE': 'M',
  };
  return {
    name,
    title: ministryTitle(NOMENCLATURE_SUBJECT, dateText),
    columns: NOMENCLATURE_COLUMNS,
    rows: [NOMENCLATURE_COLUMNS.map((header) => cells[header] ?? null)],
  };
}

function retraitSheet(name: string, dateText: string): FactorySheet {
  return {
    name,
    title: ministryTitle("LISTE DES PRODUITS FAISANT L'OBJET DE RETRAIT", dateText),
    columns: RETRAIT_COLUMNS,
    rows: [RETRAIT_COLUMNS.map((header) => (header === 'NOM DE MARQUE' ? 'R' : null))],
  };
}

describe('parseWorkbook rejections', () => {
  const temp = makeTempDir();
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown) => unhandled.push(reason);
  let validWorkbook: Buffer;

  beforeAll(async () => {
    process.on('unhandledRejection', recordUnhandled);
    const filePath = temp.path('valid.xlsx');
    const rows = Array.from({ length: 300 }, (_, index) =>
      NOMENCLATURE_COLUMNS.map((header) => `${header} ${index} ${'x'.repeat(index % 17)}`),
    );
    await writeWorkbook(filePath, [
      { ...nomenclatureSheet('Nomenclature', '31 JUILLET 2025'), rows },
    ]);
    validWorkbook = await readFile(filePath);
  });

  afterAll(async () => {
    // Give a late stream error the chance to surface before checking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', recordUnhandled);
    temp.remove();
    expect(unhandled).toEqual([]);
  });

  it('rejects a missing file', async () => {
    const error = await expectImportRejected(
      parseWorkbook(temp.path('absent.xlsx')),
      WorkbookRejection.FILE_NOT_FOUND,
    );
    expect(error.message).toContain('absent.xlsx');
  });

  it('rejects a directory', async () => {
    await expectImportRejected(parseWorkbook(temp.dir), WorkbookRejection.FILE_UNREADABLE);
  });

  it('rejects a text file named .xlsx', async () => {
    const filePath = temp.path('text.xlsx');
    await writeFile(filePath, 'N;NOM DE MARQUE\n1;DOLIPRANE\n');
    const error = await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.NOT_XLSX);
    expect(error.message).toContain("n'est pas un classeur Excel .xlsx");
  });

  it('rejects an empty file', async () => {
    const filePath = temp.path('empty.xlsx');
    await writeFile(filePath, '');
    await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.NOT_XLSX);
  });

  it('rejects an .xls compound file', async () => {
    const filePath = temp.path('old.xlsx');
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await writeFile(filePath, Buffer.concat([header, Buffer.alloc(504)]));
    const error = await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.NOT_XLSX);
    expect(error.message).toContain('97-2003');
  });

  it('rejects a zip without workbook part', async () => {
    const filePath = temp.path('plain.xlsx');
    await writeZip(filePath, [{ name: 'notes.txt', data: 'bonjour' }]);
    const error = await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.NOT_XLSX);
    expect(error.message).toContain('xl/workbook.xml');
  });

  it('rejects a forged ZIP64 marker', async () => {
    const filePath = temp.path('zip64-marker.xlsx');
    await writeZip(
      filePath,
      minimalXlsxEntries('Nomenclature', `${SHEET_XML_START}</sheetData></worksheet>`),
    );
    const bytes = await readFile(filePath);
    // The end record is the last 22 bytes; its central directory size is at offset 12.
    bytes.writeUInt32LE(0xffffffff, bytes.length - 22 + 12);
    await writeFile(filePath, bytes);

    const error = await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.NOT_XLSX);

    expect(error.message).toContain('ZIP64');
  });

  it('rejects a workbook over the size limit', async () => {
    const filePath = temp.path('bomb.xlsx');
    const padding = Buffer.alloc(MAX_UNCOMPRESSED_BYTES + 1);
    await writeZip(filePath, [
      ...minimalXlsxEntries('Nomenclature', `${SHEET_XML_START}</sheetData></worksheet>`),
      { name: 'xl/sharedStrings.xml', data: padding },
    ]);
    const error = await expectImportRejected(
      parseWorkbook(filePath),
      WorkbookRejection.WORKBOOK_TOO_LARGE,
    );
    expect(error.message).toContain('200 Mo');
  });

  it.each([0.1, 0.3, 0.5, 0.7, 0.9, 0.999])('rejects a zip truncated at %f', async (fraction) => {
    const filePath = temp.path(`truncated-${fraction}.xlsx`);
    await writeFile(
      filePath,
      validWorkbook.subarray(0, Math.floor(validWorkbook.length * fraction)),
    );
    const error = await expectImportRejected(
      parseWorkbook(filePath),
      WorkbookRejection.CORRUPT_WORKBOOK,
    );
    expect(error.message).toContain('endommagé');
  });

  it.each([0.2, 0.4, 0.6])('rejects a zip with bytes flipped at %f', async (fraction) => {
    const filePath = temp.path(`flipped-${fraction}.xlsx`);
    const damaged = Buffer.from(validWorkbook);
    const at = Math.floor(damaged.length * fraction);
    for (let offset = 0; offset < 16; offset += 1) {
      damaged[at + offset] ^= 0xff;
    }
    await writeFile(filePath, damaged);
    await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.CORRUPT_WORKBOOK);
  });

  it('rejects a zip cut inside a sheet stored before shared strings', async () => {
    // Without shared strings exceljs copies each sheet to a temporary file first, and exceljs
    // 4.4 alone waits forever when the archive ends inside that copy. The hashes keep the
    // entry from compressing below one read chunk, which the stall needs.
    const rows = Array.from({ length: 8000 }, (_, index) => {
      const text = createHash('sha256').update(String(index)).digest('hex');
      const cell = `<c r="A${index + 1}" t="inlineStr"><is><t>${text}</t></is></c>`;
      return `<row r="${index + 1}">${cell}</row>`;
    });
    const sheetXml = `${SHEET_XML_START}${rows.join('')}</sheetData></worksheet>`;
    const whole = temp.path('inline-whole.xlsx');
    await writeZip(whole, minimalXlsxEntries('Nomenclature', sheetXml));
    const bytes = await readFile(whole);
    const filePath = temp.path('inline-cut.xlsx');
    await writeFile(filePath, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.CORRUPT_WORKBOOK);
  });

  it('rejects malformed sheet XML with sound checksums', async () => {
    const filePath = temp.path('malformed.xlsx');
    const brokenRow = '<row r="1"><c r="A1" t="inlineStr"<<</row>';
    const sheetXml = `${SHEET_XML_START}${brokenRow}</sheetData></worksheet>`;
    await writeZip(filePath, minimalXlsxEntries('Nomenclature', sheetXml));
    const error = await expectImportRejected(
      parseWorkbook(filePath),
      WorkbookRejection.CORRUPT_WORKBOOK,
    );
    expect(typeof error.extensions.cause).toBe('string');
  });

  it('rejects a workbook without recognisable sheet', async () => {
    const filePath = temp.path('unrecognised.xlsx');
    await writeWorkbook(filePath, [
      { name: 'Notes', columns: ['REMARQUES'], rows: [['à revoir']] },
      { name: 'Vide', columns: [], rows: [] },
      {
        name: 'Sans marque',
        columns: ['N°', 'N°ENREGISTREMENT', 'CODE', 'DCI', 'FORME'],
        rows: [],
      },
      { name: 'Feuil4', columns: NOMENCLATURE_COLUMNS, rows: [] },
    ]);
    const error = await expectImportRejected(
      parseWorkbook(filePath),
      WorkbookRejection.NO_RECOGNISED_SHEET,
    );
    expect(error.message).toContain("« Notes » : aucune ligne d'en-tête");
    expect(error.message).toContain('« Vide » : la feuille est vide');
    expect(error.message).toContain(
      "« Sans marque » : la ligne d'en-tête 1 n'a pas de colonne NOM DE MARQUE",
    );
    expect(error.message).toContain('« Feuil4 » : ni le titre ni le nom de la feuille');
    expect(error.extensions.sheets).toHaveLength(4);
  });

  it('rejects an unknown sheet name', async () => {
    const filePath = temp.path('names.xlsx');
    await writeWorkbook(filePath, [nomenclatureSheet('Nomenclature', '31 JUILLET 2025')]);
    const error = await expectImportRejected(
      parseWorkbook(filePath, { sheetNames: ['Retraits'] }),
      WorkbookRejection.SHEET_NOT_FOUND,
    );
    expect(error.message).toBe(
      'Feuille introuvable : « Retraits ». Feuilles du classeur : « Nomenclature ».',
    );
    expect(error.extensions.availableSheets).toEqual(['Nomenclature']);
  });

  it('rejects two sheets of one category', async () => {
    const filePath = temp.path('duplicate.xlsx');
    await writeWorkbook(filePath, [
      nomenclatureSheet('Nomenclature JUIN', '30 JUIN 2025'),
      nomenclatureSheet('Nomenclature JUILLET', '30 JUIN 2025'),
    ]);
    const error = await expectImportRejected(
      parseWorkbook(filePath),
      WorkbookRejection.DUPLICATE_CATEGORY,
    );
    expect(error.extensions.sheets).toEqual(['Nomenclature JUIN', 'Nomenclature JUILLET']);
  });

  it('accepts one of two same-category sheets by name', async () => {
    const filePath = temp.path('duplicate-filtered.xlsx');
    await writeWorkbook(filePath, [
      nomenclatureSheet('Nomenclature JUIN', '30 JUIN 2025'),
      nomenclatureSheet('Nomenclature JUILLET', '31 JUILLET 2025'),
    ]);
    const workbook = await parseWorkbook(filePath, { sheetNames: ['Nomenclature JUILLET'] });
    expect(workbook.versionLabel).toBe('2025-07-31');
  });

  it('rejects titles with different versions', async () => {
    const filePath = temp.path('versions.xlsx');
    await writeWorkbook(filePath, [
      nomenclatureSheet('Nomenclature', '31 JUILLET 2025'),
      retraitSheet('Retraits', '30 JUIN 2025'),
    ]);
    const error = await expectImportRejected(
      parseWorkbook(filePath),
      WorkbookRejection.VERSION_MISMATCH,
    );
    expect(error.message).toContain('« Nomenclature » au 2025-07-31');
    expect(error.message).toContain('« Retraits » au 2025-06-30');
  });

  const itReal = existsSync(REAL_WORKBOOK) ? it : it.skip;

  itReal('rejects the real workbook cut in half', async () => {
    // exceljs 4.4 alone waits forever on this file instead of failing.
    const real = await readFile(REAL_WORKBOOK);
    const filePath = temp.path('real-half.xlsx');
    await writeFile(filePath, real.subarray(0, Math.floor(real.length / 2)));
    await expectImportRejected(parseWorkbook(filePath), WorkbookRejection.CORRUPT_WORKBOOK);
  });
});
