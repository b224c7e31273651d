import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Categorie } from './workbook.types';
import { ImportStatus } from './import-log.entity';

registerEnumType(ImportStatus, { name: 'ImportStatus', description: "État d'un import." });

@ObjectType('WarningCount', { description: "Nombre d'anomalies d'un type." })
export class WarningCountType {
  @Field()
  kind!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ImportSheet', { description: "Résumé d'une feuille importée." })
export class ImportSheetType {
  @Field({ description: 'Nom de la feuille, tel quel (espaces compris).' })
  name!: string;

  @Field(() => Categorie)
  categorie!: Categorie;

  @Field(() => Int, { description: "Ligne d'en-tête trouvée." })
  headerRow!: number;

  @Field(() => Int, { nullable: true, description: 'Nombre annoncé dans le titre de la feuille.' })
  declaredCount!: number | null;

  @Field(() => Int, { description: 'Lignes importées.' })
  rowCount!: number;

  @Field(() => Int)
  warningCount!: number;

  @Field(() => [WarningCountType])
  warningsByKind!: WarningCountType[];
}

@ObjectType('ImportWarning', { description: "Anomalie relevée pendant l'import." })
export class ImportWarningType {
  @Field()
  kind!: string;

  @Field()
  sheet!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Ligne de la feuille ; vide pour une anomalie de feuille.',
  })
  sheetRow!: number | null;

  @Field(() => String, { nullable: true })
  column!: string | null;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field()
  message!: string;
}

@ObjectType('UnrecognisedSheet', { description: 'Feuille non reconnue, et pourquoi.' })
export class UnrecognisedSheetType {
  @Field()
  name!: string;

  @Field()
  reason!: string;
}

@ObjectType('ImportLog', { description: "Journal d'une tentative d'import." })
export class ImportLogType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { nullable: true, description: 'Version (AAAA-MM-JJ).' })
  version!: string | null;

  @Field(() => ImportStatus)
  status!: ImportStatus;

  @Field()
  sourceFile!: string;

  @Field({ description: 'Empreinte SHA-256 du fichier.' })
  sha256!: string;

  @Field(() => String, { nullable: true })
  importedBy!: string | null;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => Int)
  warningCount!: number;

  @Field(() => String, { nullable: true, description: "Raison de l'échec." })
  error!: string | null;

  @Field(() => [ImportSheetType])
  sheets!: ImportSheetType[];

  @Field(() => [ImportWarningType], { description: 'Premières anomalies (500 au plus).' })
  warnings!: ImportWarningType[];
}

@ObjectType('ImportPreview', { description: "Ce qu'un import ferait, sans rien écrire." })
export class ImportPreviewType {
  @Field(() => String, { nullable: true })
  version!: string | null;

  @Field(() => [ImportSheetType])
  sheets!: ImportSheetType[];

  @Field(() => [UnrecognisedSheetType])
  unrecognised!: UnrecognisedSheetType[];

  @Field(() => [ImportWarningType])
  warnings!: ImportWarningType[];
}
