import { LocalDateResolver } from 'graphql-scalars';
import {
  ArgsType,
  Directive,
  Field,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from 'type-graphql';

import { Categorie, Liste, Statut, TypeMedicament } from '../import/workbook.types';
import { SortField, SortOrder } from './search.query';

registerEnumType(Categorie, {
  name: 'Categorie',
  description: 'Feuille du classeur : nomenclature en vigueur, non renouvelés ou retraits.',
});
registerEnumType(TypeMedicament, {
  name: 'TypeMedicament',
  description: 'Type normalisé : GE (générique), RE (référence, princeps) ou BIO (biosimilaire).',
});
registerEnumType(Liste, { name: 'Liste', description: 'Liste normalisée : I, II ou stupéfiants.' });
registerEnumType(Statut, {
  name: 'Statut',
  description: 'Statut normalisé : F (fabriqué localement) ou I (importé).',
});
registerEnumType(SortField, { name: 'MedicamentSortField', description: 'Colonne de tri.' });
registerEnumType(SortOrder, { name: 'SortOrder', description: 'Sens du tri.' });

const ADVANCED = '@requiresFeature(feature: ADVANCED_FILTERS)';

@ObjectType('MedicamentWarning', { description: "Anomalie relevée sur la ligne lors de l'import." })
export class MedicamentWarningType {
  @Field({ description: "Type d'anomalie (INVALID_DATE, UNKNOWN_TYPE...)." })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Colonne concernée.' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'Texte original de la cellule.' })
  value!: string | null;

  @Field({ description: "Description de l'anomalie." })
  message!: string;
}

@ObjectType('Medicament', {
  description:
    "Une ligne d'une feuille d'une version de la nomenclature, valeurs normalisées à côté du texte original.",
})
export class MedicamentType {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'Version de la nomenclature (AAAA-MM-JJ).' })
  version!: string;

  @Field(() => Categorie)
  categorie!: Categorie;

  @Field(() => Int, { description: "Ligne de la feuille d'origine (0 pour une saisie manuelle)." })
  sheetRow!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Numéro de ligne imprimé dans la feuille (colonne N).',
  })
  n!: string | null;

  @Field(() => String, { nullable: true, description: "Numéro de la décision d'enregistrement." })
  numEnregistrement!: string | null;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'Dénomination commune internationale.' })
  dci!: string | null;

  @Field(() => String, { nullable: true, description: 'Nom de marque.' })
  nomMarque!: string | null;

  @Field(() => String, { nullable: true })
  forme!: string | null;

  @Field(() => String, { nullable: true })
  dosage!: string | null;

  @Field(() => String, { nullable: true })
  conditionnement!: string | null;

  @Field(() => Liste, {
    nullable: true,
    description: 'Liste normalisée ; vide si le texte est inconnu.',
  })
  liste!: Liste | null;

  @Field(() => String, { nullable: true, description: 'Texte original de la colonne LISTE.' })
  listeRaw!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Colonne P1 du ministère (HOP...), telle quelle.',
  })
  p1!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Colonne P2 du ministère (OFF...), telle quelle.',
  })
  p2!: string | null;

  @Field(() => String, { nullable: true, description: 'Colonne OBS (observation), telle quelle.' })
  obs!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Laboratoire détenteur de la décision d'enregistrement.",
  })
  laboratoire!: string | null;

  @Field(() => String, { nullable: true, description: 'Pays du laboratoire.' })
  paysLaboratoire!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  dateEnregistrementInitial!: string | null;

  @Field(() => String, { nullable: true, description: 'Texte original de la date initiale.' })
  dateEnregistrementInitialRaw!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  dateEnregistrementFinal!: string | null;

  @Field(() => String, { nullable: true, description: 'Texte original de la date finale.' })
  dateEnregistrementFinalRaw!: string | null;

  @Field(() => TypeMedicament, { nullable: true })
  typeMedicament!: TypeMedicament | null;

  @Field(() => String, {
    nullable: true,
    description: 'Texte original de la colonne TYPE (« Gé », « RE »...).',
  })
  typeMedicamentRaw!: string | null;

  @Field(() => Statut, { nullable: true })
  statut!: Statut | null;

  @Field(() => String, { nullable: true, description: 'Texte original de la colonne STATUT.' })
  statutRaw!: string | null;

  @Field(() => String, { nullable: true, description: 'Durée de stabilité (« 24 MOIS »...).' })
  dureeStabilite!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  dateRetrait!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Texte original de la date de retrait (« RETRAIT », « ABROGATION »...).',
  })
  dateRetraitRaw!: string | null;

  @Field(() => String, { nullable: true })
  motifRetrait!: string | null;

  @Field(() => [MedicamentWarningType], {
    description: "Anomalies relevées sur cette ligne à l'import.",
  })
  warnings!: MedicamentWarningType[];

  @Field(() => Date, {
    nullable: true,
    description: 'Date de suppression (administrateurs seulement).',
  })
  deletedAt!: Date | null;
}

@ObjectType('MedicamentPage', { description: "Une page de résultats d'une recherche." })
export class MedicamentPageType {
  @Field(() => [MedicamentType])
  items!: MedicamentType[];

  @Field(() => Int, {
    description: 'Nombre total de lignes visibles correspondant à la recherche.',
  })
  total!: number;

  @Field(() => Int)
  page!: number;

  @Field(() => Int)
  pageSize!: number;

  @Field(() => Int)
  pageCount!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Version lue ; vide si aucune version publiée.',
  })
  version!: string | null;

  @Field(() => [String], {
    description: 'Orthographes proches, quand la recherche ne trouve rien.',
  })
  suggestions!: string[];

  @Field(() => Int, {
    description:
      "Lignes retirées correspondant à la recherche mais masquées faute de l'option RETRAITS.",
  })
  withdrawnHidden!: number;
}

@InputType('MedicamentFilter', {
  description: 'Critères de recherche ; tous ceux donnés doivent correspondre.',
})
export class MedicamentFilterInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Recherche libre (DCI, nom de marque, code, numéro, laboratoire), sans accents ni casse.',
  })
  q?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, { nullable: true })
  dci?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, { nullable: true })
  nomMarque?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, { nullable: true })
  code?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, { nullable: true })
  numEnregistrement?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, { nullable: true })
  laboratoire?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, { nullable: true })
  paysLaboratoire?: string | null;

  @Directive(ADVANCED)
  @Field(() => Liste, { nullable: true })
  liste?: Liste | null;

  @Directive(ADVANCED)
  @Field(() => TypeMedicament, { nullable: true })
  typeMedicament?: TypeMedicament | null;

  @Directive(ADVANCED)
  @Field(() => Statut, { nullable: true })
  statut?: Statut | null;

  @Directive(ADVANCED)
  @Field(() => Categorie, { nullable: true })
  categorie?: Categorie | null;

  @Directive(ADVANCED)
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date d'enregistrement initial minimale.",
  })
  dateInitialMin?: string | null;

  @Directive(ADVANCED)
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date d'enregistrement initial maximale.",
  })
  dateInitialMax?: string | null;

  @Directive(ADVANCED)
  @Field(() => String, {
    nullable: true,
    description: 'Version à lire (AAAA-MM-JJ) ; la dernière par défaut.',
  })
  version?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Inclure les lignes supprimées (administrateurs).',
  })
  includeDeleted?: boolean | null;
}

@InputType('MedicamentSort', { description: 'Tri des résultats.' })
export class MedicamentSortInput {
  @Field(() => SortField)
  by!: SortField;

  @Field(() => SortOrder, { nullable: true, defaultValue: SortOrder.ASC })
  order?: SortOrder | null;
}

@ArgsType()
export class MedicamentsArgs {
  @Field(() => MedicamentFilterInput, { nullable: true })
  filter?: MedicamentFilterInput | null;

  @Field(() => MedicamentSortInput, { nullable: true })
  sort?: MedicamentSortInput | null;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Page, à partir de 1.' })
  page?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: 'Taille de page, de 1 à 200.',
  })
  pageSize?: number | null;
}
