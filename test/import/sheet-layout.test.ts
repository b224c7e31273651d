import {
  fieldOfHeader,
  headerWords,
  isHeaderLayout,
  mapHeaderCells,
  missingKeyFields,
} from '../../src/import/sheet-layout';
import {
  categoryFromSheetName,
  categoryFromTitle,
  parseDeclaredCount,
  parseVersionLabel,
} from '../../src/import/sheet-title';
import { Categorie } from '../../src/import/workbook.types';

describe('fieldOfHeader', () => {
  it.each([
    ['N', 'n'],
    ['N°', 'n'],
    ['N°ENREGISTREMENT', 'numEnregistrement'],
    ["NUMERO D'ENREGISTREMENT", 'numEnregistrement'],
    ['CODE', 'code'],
    ['DENOMINATION COMMUNE INTERNATIONALE', 'dci'],
    ['DCI', 'dci'],
    ['NOM DE MARQUE', 'nomMarque'],
    ['FORME', 'forme'],
    ['DOSAGE', 'dosage'],
    ['COND', 'conditionnement'],
    ['CONDITIONNEMENT', 'conditionnement'],
    ['LISTE', 'liste'],
    ['P1', 'p1'],
    ['P2', 'p2'],
    ['OBS', 'obs'],
    ["LABORATOIRES DETENTEUR DE LA DECISION D'ENREGISTREMENT", 'laboratoire'],
    ["PAYS DU LABORATOIRE DETENTEUR DE LA DECISION D'ENREGISTREMENT", 'paysLaboratoire'],
    ["DATE D'ENREGISTREMENT INITIAL ", 'dateEnregistrementInitial'],
    ["DATE D'ENREGISTREMENT  FINAL ", 'dateEnregistrementFinal'],
    ["DATE D'ENREGISTREMENT", 'dateEnregistrementInitial'],
    ['TYPE', 'typeMedicament'],
    ['STATUT', 'statut'],
    ['DUREE DE STABILITE', 'dureeStabilite'],
    ['Durée de stabilité', 'dureeStabilite'],
    ['DATE DE RETRAIT', 'dateRetrait'],
    ['MOTIF DE RETRAIT', 'motifRetrait'],
  ])('maps %j', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it.each(['PRIX', 'REMARQUES', 'LISTE I'])('leaves %j unmapped', (header) => {
    expect(fieldOfHeader(header)).toBeNull();
  });
});

describe('mapHeaderCells', () => {
  it('needs four known headers', () => {
    const title = mapHeaderCells([null, 'NOMENCLATURE NATIONALE DES PRODUITS']);
    expect(isHeaderLayout(title)).toBe(false);
    const header = mapHeaderCells([null, 'N°', 'N°ENREGISTREMENT', 'NOM DE MARQUE', 'FORME']);
    expect(isHeaderLayout(header)).toBe(true);
    expect(header.columns.map((column) => column.index)).toEqual([1, 2, 3, 4]);
  });

  it('lists missing key fields', () => {
    const layout = mapHeaderCells(['N°', 'CODE', 'DCI', 'FORME', 'DOSAGE']);
    expect(missingKeyFields(layout)).toEqual(['numEnregistrement', 'nomMarque']);
  });

  it('keeps short headers out of the header words', () => {
    const words = headerWords(mapHeaderCells(['N', 'P1', 'OBS', 'FORME']));
    expect(words.has('OBS')).toBe(true);
    expect(words.has('FORME')).toBe(true);
    expect(words.has('DENOMINATION COMMUNE INTERNATIONALE')).toBe(true);
    expect(words.has('N')).toBe(false);
    expect(words.has('P1')).toBe(false);
  });
});

describe('sheet titles', () => {
  it.each([
    ['NOMENCLATURE NATIONALE DES PRODUITS PHARMACEUTIQUES', Categorie.NOMENCLATURE],
    ["QUI N'ONT PAS FAIT L'OBJET DE RENOUVELLEMENT AU 31 JUILLET 2025", Categorie.NON_RENOUVELE],
    ['PRODUITS NON RENOUVELÉS', Categorie.NON_RENOUVELE],
    ["FAISANT L'OBJET DE RETRAIT AU 31 JUILLET 2025", Categorie.RETRAIT],
    ['liste des retraits', Categorie.RETRAIT],
  ])('reads the category of %j', (title, categorie) => {
    expect(categoryFromTitle(title)).toEqual({ categorie, ambiguous: false });
  });

  it('flags a title naming two categories', () => {
    expect(categoryFromTitle('RETRAITS ET NON RENOUVELÉS')).toEqual({
      categorie: null,
      ambiguous: true,
    });
  });

  it('reads categories from sheet names', () => {
    expect(categoryFromSheetName('Nomenclature JUIN 2025').categorie).toBe(Categorie.NOMENCLATURE);
    expect(categoryFromSheetName('Non Renouvelés ').categorie).toBe(Categorie.NON_RENOUVELE);
    expect(categoryFromSheetName('Retraits').categorie).toBe(Categorie.RETRAIT);
    expect(categoryFromSheetName('Feuil1').categorie).toBeNull();
  });

  it.each([
    ['AU  31 JUILLET 2025  ( 5094DE)', 5094],
    ['AU 31 JUILLET 2025 ( 1520 DE)', 1520],
    ['(5094DE)', 5094],
    ['(5 094 D.E)', 5094],
    ['AU 31 JUILLET 2025', null],
  ])('reads the declared count of %j', (title, count) => {
    expect(parseDeclaredCount(title)).toBe(count);
  });

  it.each([
    ['AU  31 JUILLET 2025  ( 5094DE)', '2025-07-31'],
    ['au 28 février 2024', '2024-02-28'],
    ['AU 28 FEVRIER 2024', '2024-02-28'],
    ['AU 1ER AOÛT 2023', '2023-08-01'],
    ['AU 15 AOUT 2023', '2023-08-15'],
    ['AU 31 DÉCEMBRE 2024', '2024-12-31'],
    ['AU 31/07/2025', '2025-07-31'],
    ['AU 31 JUIN 2025', null],
    ['Nomenclature JUIN 2025', null],
  ])('reads the version label of %j', (title, label) => {
    expect(parseVersionLabel(title)).toBe(label);
  });
});
