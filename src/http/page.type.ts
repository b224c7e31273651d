import { ClassType, Field, Int, ObjectType } from 'type-graphql';

import type { Page } from '../core/paging';

/**
 * Base class of the GraphQL page types of admin lists: the items of one page and its place
 * in the whole list. Subclass it with `@ObjectType('NamePage')` for each item type.
 */
export function PageOf<T extends object>(itemType: ClassType<T>) {
  // Only types that resolvers return are put in the schema, so this base never is.
  @ObjectType()
  abstract class PageType implements Page<T> {
    @Field(() => [itemType])
    items!: T[];

    @Field(() => Int)
    total!: number;

    @Field(() => Int)
    page!: number;

    @Field(() => Int)
    pageSize!: number;

    @Field(() => Int)
    pageCount!: number;
  }
  return PageType;
}
