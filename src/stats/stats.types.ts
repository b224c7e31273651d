import { ArgsType, Field, Int, ObjectType } from 'type-graphql';

import { MedicamentFilterInput } from '../medicaments/medicament.types';
import type { StatsScope } from './stats.query';

@ObjectType('StatCount', { description: "Nombre de lignes pour une valeur d'une colonne." })
export class StatCountType {
  @Field(() => String, {
    nullable: true,
    description:
      'Valeur normalisée : code (GE, LISTE_I, F...) ou texte sans accents ni casse ; vide pour les cellules vides ou non reconnues.',
  })
  value!: string | null;

  @Field({ description: "Libellé à afficher (orthographe la plus fréquente d'un texte)." })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('StatBreakdown', {
  description: 'Répartition des lignes par valeur, la plus fréquente en premier.',
})
export class StatBreakdownType {
  @Field(() => Int, { description: 'Nombre de valeurs distinctes non vides.' })
  distinct!: number;

  @Field(() => [StatCountType], { description: 'Les valeurs, limitées à `limit` si donné.' })
  entries!: StatCountType[];

  @Field(() => Int, { description: 'Lignes des valeurs au-delà de `limit` (« autres »).' })
  othersCount!: number;

  @Field(() => Int, { description: 'Nombre de valeurs regroupées dans « autres ».' })
  othersValues!: number;
}

@ObjectType('CategoryTotals', { description: 'Lignes visibles par catégorie.' })
export class CategoryTotalsType {
  @Field(() => Int, { description: 'Toutes catégories visibles confondues.' })
  total!: number;

  @Field(() => Int)
  nomenclature!: number;

  @Field(() => Int)
  nonRenouvele!: number;

  @Field(() => Int, { description: "Retraits ; 0 sans l'option RETRAITS." })
  retrait!: number;

  @Field(() => Int, { description: "Retraits masqués faute de l'option RETRAITS." })
  withdrawnHidden!: number;
}

/** Root object of `statistiques`; the counts are resolved field by field. */
@ObjectType('Statistiques', {
  description:
    "Statistiques d'une version : totaux par catégorie et répartitions sur les valeurs normalisées.",
})
export class StatistiquesType {
  @Field(() => String, { nullable: true, description: 'Version lue ; vide si rien n’est publié.' })
  version!: string | null;

  /** Null when nothing is published yet. */
  scope!: StatsScope | null;
}

@ArgsType()
export class StatistiquesArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Version (AAAA-MM-JJ) ; la dernière par défaut.',
  })
  version?: string | null;

  @Field(() => MedicamentFilterInput, {
    nullable: true,
    description: 'Mêmes critères que `medicaments`.',
  })
  filter?: MedicamentFilterInput | null;
}
