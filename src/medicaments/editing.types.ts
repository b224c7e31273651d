import { Field, InputType } from 'type-graphql';

import { Categorie, Liste, Statut, TypeMedicament } from '../import/workbook.types';

const DATE = 'Date AAAA-MM-JJ.';

@InputType('MedicamentUpdateInput', {
  description:
    "Champs à modifier d'un médicament de la version courante ; un champ absent reste inchangé, null le vide.",
})
export class MedicamentUpdateInput {
  @Field(() => Categorie, { nullable: true })
  categorie?: Categorie | null;

  @Field(() => String, { nullable: true, description: 'Obligatoire : ne peut pas être vidé.' })
  numEnregistrement?: string | null;

  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Obligatoire : ne peut pas être vidé.' })
  dci?: string | null;

  @Field(() => String, { nullable: true, description: 'Obligatoire : ne peut pas être vidé.' })
  nomMarque?: string | null;

  @Field(() => String, { nullable: true })
  forme?: string | null;

  @Field(() => String, { nullable: true })
  dosage?: string | null;

  @Field(() => String, { nullable: true })
  conditionnement?: string | null;

  @Field(() => Liste, { nullable: true })
  liste?: Liste | null;

  @Field(() => String, { nullable: true })
  p1?: string | null;

  @Field(() => String, { nullable: true })
  p2?: string | null;

  @Field(() => String, { nullable: true })
  obs?: string | null;

  @Field(() => String, { nullable: true })
  laboratoire?: string | null;

  @Field(() => String, { nullable: true })
  paysLaboratoire?: string | null;

  @Field(() => String, { nullable: true, description: DATE })
  dateEnregistrementInitial?: string | null;

  @Field(() => String, { nullable: true, description: DATE })
  dateEnregistrementFinal?: string | null;

  @Field(() => TypeMedicament, { nullable: true })
  typeMedicament?: TypeMedicament | null;

  @Field(() => Statut, { nullable: true })
  statut?: Statut | null;

  @Field(() => String, { nullable: true })
  dureeStabilite?: string | null;

  @Field(() => String, { nullable: true, description: DATE })
  dateRetrait?: string | null;

  @Field(() => String, { nullable: true })
  motifRetrait?: string | null;
}

@InputType('MedicamentInput', {
  description: 'Un nouveau médicament de la version courante ; catégorie NOMENCLATURE par défaut.',
})
export class MedicamentInput extends MedicamentUpdateInput {
  @Field(() => String)
  declare numEnregistrement: string;

  @Field(() => String)
  declare dci: string;

  @Field(() => String)
  declare nomMarque: string;
}
