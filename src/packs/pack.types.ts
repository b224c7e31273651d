import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Feature, PackCode } from './pack.catalog';

registerEnumType(PackCode, { name: 'PackCode', description: "Formule d'abonnement." });
registerEnumType(Feature, { name: 'Feature', description: 'Fonctionnalité incluse dans un pack.' });

@ObjectType('Pack', { description: "Une formule d'abonnement, ses fonctionnalités et ses quotas." })
export class PackType {
  @Field(() => PackCode)
  code!: PackCode;

  @Field()
  label!: string;

  @Field({ description: 'Public visé.' })
  audience!: string;

  @Field(() => [Feature])
  features!: Feature[];

  @Field(() => Int, {
    nullable: true,
    description: 'Requêtes par jour (heure d’Alger) ; vide si illimité.',
  })
  dailyLimit!: number | null;

  @Field(() => Int, { nullable: true, description: 'Requêtes par mois ; vide si illimité.' })
  monthlyLimit!: number | null;

  @Field(() => Int, { description: 'Clés API actives autorisées.' })
  maxApiKeys!: number;
}

@ObjectType('Usage', { description: 'Requêtes comptées pour le compte connecté (heure d’Alger).' })
export class UsageType {
  @Field(() => Int, { description: "Requêtes d'aujourd'hui, celle-ci comprise." })
  today!: number;

  @Field(() => Int, { description: 'Requêtes du mois en cours.' })
  month!: number;

  @Field(() => Int, { nullable: true, description: 'Limite par jour ; vide si illimité.' })
  dailyLimit!: number | null;

  @Field(() => Int, { nullable: true, description: 'Limite par mois ; vide si illimité.' })
  monthlyLimit!: number | null;

  @Field({ description: 'Prochaine remise à zéro du compteur du jour (minuit, heure d’Alger).' })
  resetAt!: Date;
}
