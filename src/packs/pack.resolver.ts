import { Directive, Query, Resolver } from 'type-graphql';

import { PACKS } from './pack.catalog';
import { PackType } from './pack.types';

@Resolver()
export class PackResolver {
  @Directive('@public')
  @Query(() => [PackType], { description: 'Catalogue des packs.' })
  packs(): PackType[] {
    return Object.values(PACKS).map((pack) => ({ ...pack, features: [...pack.features] }));
  }
}
