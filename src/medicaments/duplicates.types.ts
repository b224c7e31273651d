import { Field, Int, ObjectType } from 'type-graphql';

import type { DuplicateGroup } from './duplicates.service';
import type { MedicamentRecord } from './medicament.columns';
import { MedicamentType } from './medicament.types';

@ObjectType('FieldDifference', {
  description: "Une colonne qui diffère entre les lignes d'un groupe, une valeur par ligne.",
})
export class FieldDifferenceType {
  @Field()
  field!: string;

  @Field(() => [String], { nullable: 'items', description: 'Dans l’ordre des lignes du groupe.' })
  values!: (string | null)[];
}

@ObjectType('DuplicateGroup', {
  description:
    "Lignes d'une version avec le même numéro d'enregistrement et la même présentation (forme, dosage, conditionnement).",
})
export class DuplicateGroupType {
  @Field(() => String, { nullable: true })
  numEnregistrement!: string | null;

  @Field(() => String, { nullable: true })
  forme!: string | null;

  @Field(() => String, { nullable: true })
  dosage!: string | null;

  @Field(() => String, { nullable: true })
  conditionnement!: string | null;

  @Field(() => [MedicamentType], {
    description: "Dans l'ordre des feuilles ; la première est celle que cleanDuplicates garde.",
  })
  rows!: MedicamentRecord[];

  @Field(() => [FieldDifferenceType], { description: 'Colonnes dont la valeur diffère.' })
  differences!: FieldDifferenceType[];
}

@ObjectType('DuplicateReport', { description: "Les doublons d'une version." })
export class DuplicateReportType {
  @Field()
  version!: string;

  @Field(() => Int, { description: 'Nombre de groupes.' })
  groupCount!: number;

  @Field(() => Int, { description: 'Lignes en trop : toutes sauf la première de chaque groupe.' })
  extraRowCount!: number;

  @Field(() => [DuplicateGroupType])
  groups!: DuplicateGroupType[];
}

@ObjectType('CleanDuplicatesResult', {
  description: 'Ce que cleanDuplicates a supprimé, ou supprimerait en mode dryRun.',
})
export class CleanDuplicatesResultType {
  @Field()
  version!: string;

  @Field({ description: 'Vrai si rien n’a été écrit.' })
  dryRun!: boolean;

  @Field(() => Int)
  groupCount!: number;

  @Field(() => Int)
  removedCount!: number;

  @Field(() => [MedicamentType], { description: 'La ligne gardée de chaque groupe.' })
  kept!: MedicamentRecord[];

  @Field(() => [MedicamentType], { description: 'Les lignes supprimées (ou à supprimer).' })
  removed!: MedicamentRecord[];
}

/** Shapes a group for GraphQL, with the presentation of its first row. */
export function toDuplicateGroupType(group: DuplicateGroup): DuplicateGroupType {
  const [first] = group.rows;
  return {
    numEnregistrement: first.numEnregistrement,
    forme: first.forme,
    dosage: first.dosage,
    conditionnement: first.conditionnement,
    rows: group.rows,
    differences: group.differences,
  };
}
