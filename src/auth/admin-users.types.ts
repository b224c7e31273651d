import { JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { ApiKeyType } from '../api-keys/api-key.types';
import { PackCode } from '../packs/pack.catalog';
import { UsageType } from '../packs/pack.types';
import { AuditAction } from './audit-log.entity';
import { UserType } from './auth.types';
import { Role, UserStatus } from './user.entity';
import { PageOf } from '../http/page.type';

registerEnumType(AuditAction, { name: 'AuditAction', description: "Action d'administration." });

@InputType('UserFilter', { description: 'Filtres de la liste des utilisateurs.' })
export class UserFilterInput {
  @Field(() => PackCode, { nullable: true })
  pack?: PackCode | null;

  @Field(() => UserStatus, { nullable: true })
  status?: UserStatus | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => String, { nullable: true, description: "Partie de l'adresse email." })
  email?: string | null;
}

@ObjectType('UserPage', { description: "Une page d'utilisateurs." })
export class UserPageType extends PageOf(UserType) {}

@InputType('CreateUserInput', { description: 'Compte créé par un administrateur, actif aussitôt.' })
export class CreateUserInput {
  @Field()
  email!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Absent : un mot de passe temporaire est généré et envoyé par email.',
  })
  password?: string | null;

  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;

  @Field(() => Role, { defaultValue: Role.LECTEUR })
  role!: Role;

  @Field(() => PackCode, { defaultValue: PackCode.FREE })
  pack!: PackCode;
}

@InputType('UpdateUserInput', { description: 'Champs à modifier ; un champ absent est inchangé.' })
export class UpdateUserInput {
  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => PackCode, { nullable: true })
  pack?: PackCode | null;

  @Field(() => UserStatus, {
    nullable: true,
    description: 'PENDING, ACTIVE, REJECTED ou DISABLED ; DELETED passe par deleteMyAccount.',
  })
  status?: UserStatus | null;

  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;
}

@ObjectType('UserDetail', { description: 'Un utilisateur, ses clés API et sa consommation.' })
export class UserDetailType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => [ApiKeyType])
  apiKeys!: ApiKeyType[];

  @Field(() => UsageType)
  usage!: UsageType;
}

@ObjectType('PackCount', { description: "Nombre d'utilisateurs d'un pack." })
export class PackCountType {
  @Field(() => PackCode)
  pack!: PackCode;

  @Field(() => Int)
  count!: number;
}

@ObjectType('StatusCount', { description: "Nombre d'utilisateurs dans un état." })
export class StatusCountType {
  @Field(() => UserStatus)
  status!: UserStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType('AdminStats', { description: 'Chiffres de l’administration des comptes.' })
export class AdminStatsType {
  @Field(() => [PackCountType], { description: 'Comptes non supprimés par pack.' })
  usersByPack!: PackCountType[];

  @Field(() => [StatusCountType])
  usersByStatus!: StatusCountType[];

  @Field(() => Int, { description: "Requêtes comptées aujourd'hui (heure d'Alger), tous comptes." })
  requestsToday!: number;

  @Field(() => Int, { description: 'Requêtes comptées ce mois-ci, tous comptes.' })
  requestsThisMonth!: number;
}

@ObjectType('AuditLog', { description: "Une action d'administration." })
export class AuditLogType {
  @Field(() => ID)
  id!: number;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => ID)
  actorId!: number;

  @Field(() => String, { nullable: true, description: "Adresse actuelle de l'auteur." })
  actorEmail!: string | null;

  @Field(() => ID, { nullable: true })
  targetUserId!: number | null;

  @Field(() => String, { nullable: true, description: 'Adresse actuelle du compte visé.' })
  targetEmail!: string | null;

  @Field(() => ID, { nullable: true })
  apiKeyId!: number | null;

  @Field(() => JSONResolver, { nullable: true, description: 'Valeurs changées.' })
  details!: Record<string, unknown> | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('AuditLogPage', { description: "Une page du journal d'administration." })
export class AuditLogPageType extends PageOf(AuditLogType) {}

@InputType('AuditLogFilter', { description: "Filtres du journal d'administration." })
export class AuditLogFilterInput {
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => ID, { nullable: true })
  targetUserId?: string | null;

  @Field(() => AuditAction, { nullable: true })
  action?: AuditAction | null;
}
