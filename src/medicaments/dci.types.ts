import { ArgsType, Field, Int, ObjectType } from 'type-graphql';

import { Categorie } from '../import/workbook.types';
import type { MedicamentRecord } from './medicament.columns';
import { MedicamentType } from './medicament.types';

@ObjectType('DciPresentation', {
  description: "Les lignes d'une DCI de même dosage et même forme, princeps et génériques séparés.",
})
export class DciPresentationType {
  @Field(() => String, { nullable: true, description: "Dosage (l'orthographe la plus fréquente)." })
  dosage!: string | null;

  @Field(() => String, { nullable: true, description: "Forme (l'orthographe la plus fréquente)." })
  forme!: string | null;

  @Field(() => [MedicamentType], { description: 'Princeps (type RE), par nom de marque.' })
  princeps!: MedicamentRecord[];

  @Field(() => [MedicamentType], { description: 'Génériques (type GE), par nom de marque.' })
  generiques!: MedicamentRecord[];

  @Field(() => [MedicamentType], { description: 'Biosimilaires (type BIO).' })
  biosimilaires!: MedicamentRecord[];

  @Field(() => [MedicamentType], { description: 'Lignes dont le type est vide ou inconnu.' })
  autres!: MedicamentRecord[];

  @Field(() => [String], { description: 'Laboratoires de ces lignes, sans doublon.' })
  laboratoires!: string[];
}

@ObjectType('DciView', { description: "Toutes les présentations d'une DCI dans une version." })
export class DciViewType {
  @Field({ description: "La DCI telle qu'elle figure le plus souvent dans la version." })
  dci!: string;

  @Field(() => String, { nullable: true, description: 'Version lue ; vide si rien n’est publié.' })
  version!: string | null;

  @Field(() => Int, { description: 'Lignes visibles de cette DCI.' })
  total!: number;

  @Field(() => Int)
  princepsCount!: number;

  @Field(() => Int)
  generiquesCount!: number;

  @Field(() => Int)
  biosimilairesCount!: number;

  @Field(() => [String], { description: 'Laboratoires de la DCI, sans doublon.' })
  laboratoires!: string[];

  @Field(() => [DciPresentationType], { description: 'Par forme puis dosage.' })
  presentations!: DciPresentationType[];

  @Field(() => Int, { description: "Lignes retirées masquées faute de l'option RETRAITS." })
  withdrawnHidden!: number;
}

@ArgsType()
export class MedicamentsParDciArgs {
  @Field({ description: 'DCI exacte, sans accents ni casse (« paracetamol »).' })
  dci!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Version (AAAA-MM-JJ) ; la dernière par défaut.',
  })
  version?: string | null;

  @Field(() => Categorie, {
    nullable: true,
    description: 'Une seule catégorie ; toutes par défaut.',
  })
  categorie?: Categorie | null;
}
