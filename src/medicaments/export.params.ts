import type { ParsedUrlQuery } from 'node:querystring';

import type { Access } from '../auth/access';
import { assertFeature } from '../auth/directives';
import { AppError } from '../core/errors';
import { Categorie, Liste, Statut, TypeMedicament } from '../import/workbook.types';
import { Feature } from '../packs/pack.catalog';
import type { SearchRequest } from './medicament.service';
import { MedicamentCriteria, SortField, SortOrder } from './search.query';

/** Query parameter to criteria field, for the text filters that need ADVANCED_FILTERS. */
const ADVANCED_TEXT_PARAMS = {
  dci: 'dci',
  nom_marque: 'nomMarque',
  code: 'code',
  num_enregistrement: 'numEnregistrement',
  laboratoire: 'laboratoire',
  pays_laboratoire: 'paysLaboratoire',
  date_initial_min: 'dateInitialMin',
  date_initial_max: 'dateInitialMax',
} as const;

const ADVANCED_ENUM_PARAMS = {
  categorie: ['categorie', Categorie],
  type_medicament: ['typeMedicament', TypeMedicament],
  liste: ['liste', Liste],
  statut: ['statut', Statut],
} as const;

/** Parameters every caller with EXPORT_CSV may use. */
const BASIC_PARAMS = ['q', 'sort', 'order', 'excel', 'include_deleted'];

const ALL_PARAMS = new Set([
  ...BASIC_PARAMS,
  'version',
  ...Object.keys(ADVANCED_TEXT_PARAMS),
  ...Object.keys(ADVANCED_ENUM_PARAMS),
]);

export interface ExportRequest {
  search: SearchRequest;
  /** `;` for Excel in French locales (`?excel=1`), `,` otherwise. */
  delimiter: ';' | ',';
}

function single(query: ParsedUrlQuery, name: string): string | null {
  const value = query[name];
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    throw AppError.badInput(`Paramètre « ${name} » répété : donnez-le une seule fois.`, {
      field: name,
    });
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function enumValue<T extends string>(name: string, raw: string, values: Record<string, T>): T {
  const value = raw.toUpperCase();
  if (!(Object.values(values) as string[]).includes(value)) {
    throw AppError.badInput(
      `Valeur invalide « ${raw} » pour ${name} : valeurs admises ${Object.values(values).join(', ')}.`,
      { field: name },
    );
  }
  return value as T;
}

function flag(query: ParsedUrlQuery, name: string): boolean {
  const raw = single(query, name);
  if (raw === null) return false;
  if (['1', 'true', 'yes', 'oui'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'non'].includes(raw.toLowerCase())) return false;
  throw AppError.badInput(`Valeur invalide « ${raw} » pour ${name} : 1 ou 0 attendu.`, {
    field: name,
  });
}

function readAdvanced(query: ParsedUrlQuery, criteria: MedicamentCriteria): string[] {
  const used: string[] = [];
  for (const [name, field] of Object.entries(ADVANCED_TEXT_PARAMS)) {
    const value = single(query, name);
    if (value === null) continue;
    if (name.startsWith('date_') && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      throw AppError.badInput(
        `Date invalide « ${value} » pour ${name} : format attendu AAAA-MM-JJ.`,
        {
          field: name,
        },
      );
    }
    criteria[field] = value;
    used.push(name);
  }
  for (const [name, [field, values]] of Object.entries(ADVANCED_ENUM_PARAMS)) {
    const value = single(query, name);
    if (value !== null) {
      const allowed = values as Record<string, string>;
      Object.assign(criteria, { [field]: enumValue(name, value, allowed) });
      used.push(name);
    }
  }
  return used;
}

function readSort(query: ParsedUrlQuery): SearchRequest['sort'] {
  const by = single(query, 'sort');
  const order = single(query, 'order');
  if (by === null) {
    if (order !== null) {
      throw AppError.badInput('Paramètre « order » sans « sort » : indiquez la colonne de tri.', {
        field: 'order',
      });
    }
    return null;
  }
  return {
    by: enumValue('sort', by, SortField),
    order: order === null ? SortOrder.ASC : enumValue('order', order, SortOrder),
  };
}

/**
 * Reads the export's query parameters, named as the `medicaments` filter in snake case.
 * Unknown or repeated parameters and invalid values are BAD_USER_INPUT; the advanced ones
 * (every filter but `q`, and `version`) need ADVANCED_FILTERS, as in GraphQL.
 */
export function readExportParams(query: ParsedUrlQuery, access: Access): ExportRequest {
  const unknown = Object.keys(query).filter((name) => !ALL_PARAMS.has(name));
  if (unknown.length > 0) {
    throw AppError.badInput(
      `Paramètre inconnu : ${unknown.join(', ')}. Paramètres admis : ${[...ALL_PARAMS].join(', ')}.`,
      { field: unknown[0] },
    );
  }

  const criteria: MedicamentCriteria = { q: single(query, 'q') };
  const advanced = readAdvanced(query, criteria);
  const version = single(query, 'version');
  if (version !== null) advanced.push('version');
  if (advanced.length > 0) assertFeature(access, Feature.ADVANCED_FILTERS);
  criteria.includeDeleted = flag(query, 'include_deleted');

  return {
    search: { criteria, version, sort: readSort(query) },
    delimiter: flag(query, 'excel') ? ';' : ',',
  };
}
