import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('CategoryCounts', { description: 'Nombre de lignes par catégorie.' })
export class CategoryCountsType {
  @Field(() => Int, { description: 'Nomenclature en vigueur.' })
  nomenclature!: number;

  @Field(() => Int, { description: 'Enregistrements non renouvelés.' })
  nonRenouvele!: number;

  @Field(() => Int, { description: 'Retraits.' })
  retrait!: number;
}

@ObjectType('NomenclatureVersion', { description: 'Une version publiée de la nomenclature.' })
export class NomenclatureVersionType {
  @Field({ description: 'Libellé de la version (AAAA-MM-JJ).' })
  version!: string;

  @Field({ description: 'Fin du dernier import réussi de cette version.' })
  importedAt!: Date;

  @Field({ description: 'Nom du fichier importé.' })
  sourceFile!: string;

  @Field(() => ID, { description: "Journal de l'import qui a publié la version." })
  importLogId!: number;

  @Field(() => CategoryCountsType)
  counts!: CategoryCountsType;

  @Field({ description: 'Vrai pour la version lue par défaut.' })
  latest!: boolean;
}

@ObjectType('HealthNomenclature', { description: 'Version courante de la nomenclature.' })
export class HealthNomenclatureType {
  @Field()
  version!: string;

  @Field()
  importedAt!: Date;

  @Field()
  sourceFile!: string;

  @Field(() => CategoryCountsType)
  counts!: CategoryCountsType;
}

@ObjectType('Health', { description: 'État du service.' })
export class HealthType {
  @Field({ description: 'ok, ou degraded si la base est injoignable.' })
  status!: string;

  @Field({ description: "Version de l'application." })
  appVersion!: string;

  @Field({ description: 'ok ou unreachable.' })
  database!: string;

  @Field(() => HealthNomenclatureType, {
    nullable: true,
    description: "Vide tant que rien n'est importé.",
  })
  nomenclature!: HealthNomenclatureType | null;
}
