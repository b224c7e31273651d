import {
  cellToText,
  excelSerialToIsoDate,
  formatUtcDate,
  numberToText,
  parseFrenchDate,
  readDateCell,
} from '../../src/import/cell-values';

describe('cellToText', () => {
  it.each([
    [null, null],
    ['  DOLIPRANE  ', 'DOLIPRANE'],
    ['B/10 -  B/20', 'B/10 -  B/20'],
    ['   ', null],
    [0.1, '0.1'],
    [0.1 + 0.2, '0.3'],
    [5094, '5094'],
    [true, 'VRAI'],
    [new Date(Date.UTC(2025, 6, 31)), '2025-07-31'],
    [{ richText: [{ text: 'AU  31 ' }, { text: 'JUILLET ' }] }, 'AU  31 JUILLET'],
    [{ formula: 'A1', result: 12.5 }, '12.5'],
    [{ sharedFormula: 'A1', result: 'OK' }, 'OK'],
    [{ formula: 'A1' }, null],
    [{ text: 'lien', hyperlink: 'https://example.org' }, 'lien'],
    [{ error: '#N/A' }, '#N/A'],
  ])('converts %j', (value, expected) => {
    expect(cellToText(value as never)).toBe(expected);
  });
});

describe('numberToText', () => {
  it('keeps 15 significant digits', () => {
    expect(numberToText(0.7823)).toBe('0.7823');
    expect(numberToText(1 / 3)).toBe('0.333333333333333');
  });
});

describe('formatUtcDate', () => {
  it('uses UTC fields', () => {
    expect(formatUtcDate(new Date('2006-07-31T00:00:00.000Z'))).toBe('2006-07-31');
    expect(formatUtcDate(new Date('2006-07-31T23:59:59.999Z'))).toBe('2006-07-31');
  });

  it('returns null for an invalid date', () => {
    expect(formatUtcDate(new Date(Number.NaN))).toBeNull();
  });
});

describe('excelSerialToIsoDate', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45000, '2023-03-15'],
    [45869.75, '2025-07-31'],
    [2958465, '9999-12-31'],
  ])('converts %d', (serial, expected) => {
    expect(excelSerialToIsoDate(serial)).toBe(expected);
  });

  it.each([0, -3, 60, 2958466, Number.NaN])('rejects %d', (serial) => {
    expect(excelSerialToIsoDate(serial)).toBeNull();
  });
});

describe('parseFrenchDate', () => {
  it.each([
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['31-12-2024', '2024-12-31'],
  ])('parses %j', (text, expected) => {
    expect(parseFrenchDate(text)).toBe(expected);
  });

  it.each([
    '19/05/205',
    '00/12/2005',
    '29/02/2023',
    '31/04/2024',
    '04/02/2024 ET 22/02/2024',
    'RETRAIT',
  ])('rejects %j', (text) => {
    expect(parseFrenchDate(text)).toBeNull();
  });
});

describe('readDateCell', () => {
  it('reads a Date cell', () => {
    const cell = readDateCell(new Date(Date.UTC(1999, 0, 31)));
    expect(cell).toEqual({ date: '1999-01-31', raw: '1999-01-31', valid: true });
  });

  it('keeps invalid text raw', () => {
    expect(readDateCell('RETRAIT ')).toEqual({ date: null, raw: 'RETRAIT', valid: false });
  });

  it('accepts an empty cell', () => {
    expect(readDateCell(null)).toEqual({ date: null, raw: null, valid: true });
    expect(readDateCell('  ')).toEqual({ date: null, raw: null, valid: true });
  });

  it('reads a formula returning a date', () => {
    const cell = readDateCell({ formula: 'TODAY()', result: new Date(Date.UTC(2025, 6, 31)) });
    expect(cell.date).toBe('2025-07-31');
  });
});
