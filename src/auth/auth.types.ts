import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { PackCode } from '../packs/pack.catalog';
import { Role, UserStatus } from './user.entity';

registerEnumType(Role, { name: 'Role', description: 'Rôle : administrateur ou lecteur.' });
registerEnumType(UserStatus, { name: 'UserStatus', description: 'État du compte.' });

@ObjectType('User', { description: 'Un compte utilisateur.' })
export class UserType {
  @Field(() => ID)
  id!: number;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => PackCode)
  pack!: PackCode;

  @Field(() => UserStatus)
  status!: UserStatus;

  @Field(() => String, { nullable: true, description: 'Motif du refus de la demande de compte.' })
  rejectionReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => Date, { nullable: true })
  passwordChangedAt!: Date | null;
}

@ObjectType('LoginPayload', { description: "Jeton d'accès obtenu à la connexion." })
export class LoginPayloadType {
  @Field({ description: 'JWT à envoyer dans « Authorization: Bearer ».' })
  accessToken!: string;

  @Field({ description: 'Toujours « Bearer ».' })
  tokenType!: string;

  @Field(() => Int, { description: 'Durée de validité en secondes.' })
  expiresIn!: number;

  @Field(() => UserType)
  user!: UserType;
}
