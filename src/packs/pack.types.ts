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
