import { Field, InputType } from 'type-graphql';

import { PackCode } from '../packs/pack.catalog';

@InputType('SignupInput', {
  description: 'Demande de compte, validée ensuite par un administrateur.',
})
export class SignupInput {
  @Field()
  email!: string;

  @Field({ description: 'Au moins 8 caractères.' })
  password!: string;

  @Field({ description: 'Nom et prénom.' })
  fullName!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Pharmacie, établissement ou société.',
  })
  organisation?: string | null;

  @Field(() => PackCode, { defaultValue: PackCode.FREE, description: 'Pack demandé.' })
  pack!: PackCode;
}

@InputType('UpdateMeInput', {
  description:
    'Champs de profil à modifier ; un champ absent est inchangé, une chaîne vide l’efface.',
})
export class UpdateMeInput {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;
}
