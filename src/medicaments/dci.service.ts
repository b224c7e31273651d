import type { EntityManager } from '@mikro-orm/knex';

import { AppError } from '../core/errors';
import { foldText } from '../core/text';
import { Categorie, TypeMedicament } from '../import/workbook.types';
import type { MedicamentRecord } from './medicament.columns';
import type { Visibility } from './medicament.service';
import { compactFold, compareSheetOrder } from './presentation';
import { liveRecords, readRecords, splitVisible } from './record.query';
import type { VersionService } from './version.service';

/** The rows of one DCI sharing a dosage and a form, split by type. */
export interface DciPresentation {
  dosage: string | null;
  forme: string | null;
  /** Reference products (type RE). */
  princeps: MedicamentRecord[];
  /** Generics (type GE). */
  generiques: MedicamentRecord[];
  biosimilaires: MedicamentRecord[];
  /** Rows whose type is empty or was not recognised. */
  autres: MedicamentRecord[];
  laboratoires: string[];
}

export interface DciView {
  dci: string;
  version: string | null;
  total: number;
  princepsCount: number;
  generiquesCount: number;
  biosimilairesCount: number;
  laboratoires: string[];
  presentations: DciPresentation[];
  withdrawnHidden: number;
}

export interface DciRequest {
  dci: string;
  version?: string | null;
  categorie?: Categorie | null;
}

const sortText = (a: string, b: string) => a.localeCompare(b, 'fr', { numeric: true });

/** Returns the spelling most rows use, trimmed. A tie goes to the first in sheet order. */
function commonSpelling(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) {
    const text = value?.trim().replace(/\s+/g, ' ');
    if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [text, count] of counts) if (best === null || count > counts.get(best)!) best = text;
  return best;
}

/** Distinct laboratory names (compared folded), sorted. */
function laboratoriesOf(rows: MedicamentRecord[]): string[] {
  const byKey = new Map<string, (string | null)[]>();
  for (const row of rows) {
    const key = foldText(row.laboratoire);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), row.laboratoire]);
  }
  return [...byKey.values()].map((names) => commonSpelling(names)!).sort(sortText);
}

const byBrand = (a: MedicamentRecord, b: MedicamentRecord) =>
  sortText(a.nomMarque ?? '', b.nomMarque ?? '') || compareSheetOrder(a, b);

function toPresentation(rows: MedicamentRecord[]): DciPresentation {
  const ofType = (type: TypeMedicament | null) =>
    rows.filter((row) => row.typeMedicament === type).sort(byBrand);
  return {
    dosage: commonSpelling(rows.map((row) => row.dosage)),
    forme: commonSpelling(rows.map((row) => row.forme)),
    princeps: ofType(TypeMedicament.RE),
    generiques: ofType(TypeMedicament.GE),
    biosimilaires: ofType(TypeMedicament.BIO),
    autres: ofType(null),
    laboratoires: laboratoriesOf(rows),
  };
}

/** Groups rows by dosage and form, compared folded and without spaces ("10 MG" is "10mg"). */
function groupPresentations(rows: MedicamentRecord[]): DciPresentation[] {
  const groups = new Map<string, MedicamentRecord[]>();
  for (const row of rows) {
    const key = `${compactFold(row.dosage)}|${compactFold(row.forme)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()]
    .map(toPresentation)
    .sort(
      (a, b) => sortText(a.forme ?? '', b.forme ?? '') || sortText(a.dosage ?? '', b.dosage ?? ''),
    );
}

/** Every presentation of one DCI (`medicamentsParDci`). */
export class DciService {
  constructor(private readonly versions: VersionService) {}

  /**
   * Reads the rows whose DCI equals the given one, ignoring accents, case and
   * punctuation: "Paracétamol" finds "PARACETAMOL" but not "PARACETAMOL/CODEINE".
   */
  async byDci(em: EntityManager, request: DciRequest, visibility: Visibility): Promise<DciView> {
    const folded = foldText(request.dci);
    if (!folded) {
      throw AppError.badInput('DCI manquante : indiquez une dénomination commune internationale.', {
        field: 'dci',
      });
    }
    const published = await this.versions.resolve(em, request.version);
    const query = liveRecords(em.getKnex()).where('dci_search', ` ${folded} `);
    if (request.categorie) query.where('categorie', request.categorie);
    const records = published ? await readRecords(query.where('version', published.version)) : [];
    const { visible, withdrawnHidden } = splitVisible(records, visibility.showRetraits);

    const count = (type: TypeMedicament) =>
      visible.filter((row) => row.typeMedicament === type).length;
    return {
      dci: commonSpelling(visible.map((row) => row.dci)) ?? request.dci.trim(),
      version: published?.version ?? null,
      total: visible.length,
      princepsCount: count(TypeMedicament.RE),
      generiquesCount: count(TypeMedicament.GE),
      biosimilairesCount: count(TypeMedicament.BIO),
      laboratoires: laboratoriesOf(visible),
      presentations: groupPresentations(visible),
      withdrawnHidden,
    };
  }
}
