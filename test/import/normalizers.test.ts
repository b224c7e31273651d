import {
  foldText,
  normalizeListe,
  normalizeStatut,
  normalizeTypeMedicament,
} from '../../src/import/normalizers';
import { Liste, Statut, TypeMedicament } from '../../src/import/workbook.types';

describe('foldText', () => {
  it.each([
    ['N°ENREGISTREMENT', 'N ENREGISTREMENT'],
    ["DATE D'ENREGISTREMENT  FINAL ", 'DATE D ENREGISTREMENT FINAL'],
    ['Stupéfiants', 'STUPEFIANTS'],
    ['  Liste   I ', 'LISTE I'],
  ])('folds %j', (text, expected) => {
    expect(foldText(text)).toBe(expected);
  });
});

describe('normalizeTypeMedicament', () => {
  it.each([
    ['GE', TypeMedicament.GE],
    ['Gé', TypeMedicament.GE],
    ['GÉ', TypeMedicament.GE],
    ['G', TypeMedicament.GE],
    ['Générique', TypeMedicament.GE],
    ['RE', TypeMedicament.RE],
    [' RE', TypeMedicament.RE],
    ['RE ', TypeMedicament.RE],
    ['Ré', TypeMedicament.RE],
    ['R', TypeMedicament.RE],
    ['Référence', TypeMedicament.RE],
    ['Princeps', TypeMedicament.RE],
    ['BIO', TypeMedicament.BIO],
    ['BIOS', TypeMedicament.BIO],
    ['B', TypeMedicament.BIO],
    ['Biosimilaire', TypeMedicament.BIO],
  ])('reads %j', (raw, expected) => {
    expect(normalizeTypeMedicament(raw)).toEqual({ value: expected, recognised: true });
  });

  it('rejects FPREMIX', () => {
    expect(normalizeTypeMedicament('FPREMIX')).toEqual({ value: null, recognised: false });
  });

  it.each([null, '', '   '])('accepts empty %j', (raw) => {
    expect(normalizeTypeMedicament(raw)).toEqual({ value: null, recognised: true });
  });
});

describe('normalizeListe', () => {
  it.each([
    ['Liste I', Liste.LISTE_I],
    ['LISTE I ', Liste.LISTE_I],
    ['lISTE I', Liste.LISTE_I],
    ['liste I', Liste.LISTE_I],
    ['Liste II', Liste.LISTE_II],
    ['Liiste II', Liste.LISTE_II],
    ['LISTE 2', Liste.LISTE_II],
    ['Stupéfiants', Liste.STUPEFIANTS],
    ['StupEfiants', Liste.STUPEFIANTS],
    ['STUPEFIANT', Liste.STUPEFIANTS],
  ])('reads %j', (raw, expected) => {
    expect(normalizeListe(raw)).toEqual({ value: expected, recognised: true });
  });

  it.each(['Liste III', 'HOP', 'Liste'])('rejects %j', (raw) => {
    expect(normalizeListe(raw)).toEqual({ value: null, recognised: false });
  });

  it.each([null, ' '])('accepts empty %j', (raw) => {
    expect(normalizeListe(raw)).toEqual({ value: null, recognised: true });
  });
});

describe('normalizeStatut', () => {
  it.each([
    ['F', Statut.F],
    ['f', Statut.F],
    ['I', Statut.I],
    ['i', Statut.I],
    ['I ', Statut.I],
  ])('reads %j', (raw, expected) => {
    expect(normalizeStatut(raw)).toEqual({ value: expected, recognised: true });
  });

  it('rejects X', () => {
    expect(normalizeStatut('X')).toEqual({ value: null, recognised: false });
  });
});
