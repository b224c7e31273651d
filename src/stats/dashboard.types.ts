import { Field, ID, Int, ObjectType } from 'type-graphql';

import { ImportStatus } from '../import/import-log.entity';
import { ImportSheetType, WarningCountType } from '../import/import.types';
import type { DashboardRoot } from './dashboard.service';

@ObjectType('Dashboard', {
  description:
    "Tableau de bord d'un établissement, lisible en une requête : totaux, principaux laboratoires et pays, versions, dernier import et changements depuis la version précédente.",
})
export class DashboardType {
  @Field(() => String, { nullable: true, description: 'Version lue ; vide si rien n’est publié.' })
  version!: string | null;

  scope!: DashboardRoot['scope'];
}

@ObjectType('DashboardRank', { description: "Un laboratoire ou un pays d'un classement." })
export class DashboardRankType {
  @Field({ description: "Nom (l'orthographe la plus fréquente)." })
  name!: string;

  @Field({ description: 'Nom sans accents ni casse, clé du regroupement.' })
  value!: string;

  @Field(() => Int, { description: 'Lignes visibles.' })
  count!: number;
}

@ObjectType('DashboardImport', {
  description: "La dernière tentative d'import, réussie ou non, et le résumé de ses anomalies.",
})
export class DashboardImportType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { nullable: true })
  version!: string | null;

  @Field(() => ImportStatus)
  status!: ImportStatus;

  @Field()
  sourceFile!: string;

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

  @Field(() => [WarningCountType], { description: 'Anomalies par type, toutes feuilles.' })
  warningsByKind!: WarningCountType[];

  @Field(() => [ImportSheetType])
  sheets!: ImportSheetType[];

  @Field(() => String, { nullable: true, description: "Raison de l'échec." })
  error!: string | null;
}
