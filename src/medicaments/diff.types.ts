import { Field, Int, ObjectType } from 'type-graphql';

import { Categorie } from '../import/workbook.types';
import type { DiffEntry } from './diff.compare';
import { HistoryEntry, NomenclatureDiff, summariseDiff } from './diff.service';
import type { MedicamentRecord } from './medicament.columns';
import { MedicamentType } from './medicament.types';

@ObjectType('FieldChange', { description: "Une colonne modifiée d'une version à l'autre." })
export class FieldChangeType {
  @Field({ description: 'Nom du champ (nomMarque, laboratoire, typeMedicament...).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Valeur dans la version de départ.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: "Valeur dans la version d'arrivée." })
  after!: string | null;
}

@ObjectType('DiffEntry', {
  description: 'Un produit (numéro et présentation) présent dans les deux versions.',
})
export class DiffEntryType {
  @Field(() => String, { nullable: true })
  numEnregistrement!: string | null;

  @Field(() => String, { nullable: true })
  forme!: string | null;

  @Field(() => String, { nullable: true })
  dosage!: string | null;

  @Field(() => String, { nullable: true })
  conditionnement!: string | null;

  @Field(() => Categorie)
  fromCategorie!: Categorie;

  @Field(() => Categorie)
  toCategorie!: Categorie;

  @Field(() => [FieldChangeType], { description: 'Colonnes modifiées, catégorie exclue.' })
  changes!: FieldChangeType[];

  @Field(() => MedicamentType, { description: 'La ligne dans la version de départ.' })
  before!: MedicamentRecord;

  @Field(() => MedicamentType, { description: "La ligne dans la version d'arrivée." })
  after!: MedicamentRecord;
}

@ObjectType('DiffSummary', { description: 'Nombre de changements entre deux versions.' })
export class DiffSummaryType {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  removed!: number;

  @Field(() => Int)
  changed!: number;

  @Field(() => Int)
  moved!: number;

  @Field(() => Int, {
    description: "Lignes retirées des deux versions masquées faute de l'option RETRAITS.",
  })
  withdrawnHidden!: number;
}

@ObjectType('NomenclatureDiff', {
  description:
    'Différences entre deux versions, produits rapprochés par numéro d’enregistrement et présentation (forme, dosage, conditionnement).',
})
export class NomenclatureDiffType {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => DiffSummaryType)
  summary!: DiffSummaryType;

  @Field(() => [MedicamentType], { description: 'Lignes présentes seulement dans `to`.' })
  added!: MedicamentRecord[];

  @Field(() => [MedicamentType], { description: 'Lignes présentes seulement dans `from`.' })
  removed!: MedicamentRecord[];

  @Field(() => [DiffEntryType], { description: 'Même catégorie, colonnes modifiées.' })
  changed!: DiffEntryType[];

  @Field(() => [DiffEntryType], {
    description: 'Passées dans une autre catégorie (par exemple de NOMENCLATURE à RETRAIT).',
  })
  moved!: DiffEntryType[];
}

@ObjectType('HistoriqueVersion', { description: "L'état d'un enregistrement dans une version." })
export class HistoriqueVersionType {
  @Field()
  version!: string;

  @Field({ description: 'Import qui a publié la version.' })
  importedAt!: Date;

  @Field({ description: 'Vrai si au moins une ligne visible porte ce numéro.' })
  present!: boolean;

  @Field(() => [Categorie], { description: 'Catégories où figure le numéro, sans doublon.' })
  categories!: Categorie[];

  @Field(() => [MedicamentType], { description: 'Les lignes (une par présentation).' })
  rows!: MedicamentRecord[];

  @Field(() => Int, { description: "Lignes retirées masquées faute de l'option RETRAITS." })
  withdrawnHidden!: number;
}

@ObjectType('Historique', { description: "Un numéro d'enregistrement à travers les versions." })
export class HistoriqueType {
  @Field()
  numEnregistrement!: string;

  @Field(() => [HistoriqueVersionType], {
    description: 'Chaque version publiée, la plus ancienne en premier.',
  })
  versions!: HistoriqueVersionType[];
}

function toEntryType(entry: DiffEntry): DiffEntryType {
  return {
    numEnregistrement: entry.after.numEnregistrement,
    forme: entry.after.forme,
    dosage: entry.after.dosage,
    conditionnement: entry.after.conditionnement,
    fromCategorie: entry.before.categorie,
    toCategorie: entry.after.categorie,
    changes: entry.changes,
    before: entry.before,
    after: entry.after,
  };
}

/** Shapes a diff for GraphQL. */
export function toDiffType(diff: NomenclatureDiff): NomenclatureDiffType {
  return {
    from: diff.from,
    to: diff.to,
    summary: summariseDiff(diff),
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed.map(toEntryType),
    moved: diff.moved.map(toEntryType),
  };
}

/** Shapes one version of a history for GraphQL. */
export function toHistoriqueVersionType(entry: HistoryEntry): HistoriqueVersionType {
  return {
    ...entry,
    present: entry.rows.length > 0,
    categories: [...new Set(entry.rows.map((row) => row.categorie))],
  };
}
