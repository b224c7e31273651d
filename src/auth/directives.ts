import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  DirectiveLocation,
  GraphQLArgument,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLFieldConfig,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNonNull,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';

import { AppError, ForbiddenReason } from '../core/errors';
import { Feature, packsWithFeature, PACKS } from '../packs/pack.catalog';
import type { Access } from './access';
import { Role } from './user.entity';

/** The four access directives; every Query and Mutation field carries exactly one. */
export const ACCESS_DIRECTIVES = [
  'public',
  'authenticated',
  'requiresFeature',
  'requiresRole',
] as const;

const FEATURE_LABELS: Record<Feature, string> = {
  SEARCH: 'à la recherche',
  ADVANCED_FILTERS: 'aux filtres avancés',
  DCI: 'à la vue par DCI',
  RETRAITS: 'aux produits retirés',
  STATS: 'aux statistiques',
  DASHBOARD: 'au tableau de bord',
  EXPORT_CSV: "à l'export CSV",
};

/** The context shape the transformer needs: the caller's access. */
interface AccessContext {
  access: Access;
}

/** Builds the directive definitions from the enum types of the built schema. */
function directiveDefinitions(schema: GraphQLSchema): GraphQLDirective[] {
  const featureType = schema.getType('Feature') as GraphQLEnumType;
  const roleType = schema.getType('Role') as GraphQLEnumType;
  if (!featureType || !roleType)
    throw new Error('The schema must define the Feature and Role enums');
  return [
    new GraphQLDirective({
      name: 'public',
      description: 'Accessible sans authentification.',
      locations: [DirectiveLocation.FIELD_DEFINITION],
    }),
    new GraphQLDirective({
      name: 'authenticated',
      description: 'Réservé aux utilisateurs connectés (jeton ou clé API).',
      locations: [DirectiveLocation.FIELD_DEFINITION],
    }),
    new GraphQLDirective({
      name: 'requiresFeature',
      description: 'Réservé aux packs qui incluent cette fonctionnalité (et aux administrateurs).',
      locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION],
      args: { feature: { type: new GraphQLNonNull(featureType) } },
    }),
    new GraphQLDirective({
      name: 'requiresRole',
      description: 'Réservé à un rôle.',
      locations: [DirectiveLocation.FIELD_DEFINITION],
      args: { role: { type: new GraphQLNonNull(roleType) } },
    }),
  ];
}

/** Throws when the caller lacks a feature. */
export function assertFeature(access: Access, feature: Feature): void {
  if (!access.principal) throw access.authError ?? AppError.unauthenticated();
  if (access.features.has(feature)) return;
  const packs = packsWithFeature(feature);
  throw AppError.forbidden(
    ForbiddenReason.PACK_FEATURE,
    `Votre pack ${PACKS[access.principal.pack].label} ne donne pas accès ${FEATURE_LABELS[feature]}. ` +
      `Packs qui l'incluent : ${packs.join(', ')}.`,
    { feature, packs },
  );
}

function assertAuthenticated(access: Access): void {
  if (!access.principal) throw access.authError ?? AppError.unauthenticated();
}

function assertRole(access: Access, role: Role): void {
  assertAuthenticated(access);
  if (access.principal?.role === role || access.isAdmin) return;
  throw AppError.forbidden(ForbiddenReason.ROLE, 'Action réservée aux administrateurs.', { role });
}

type Check = (access: Access) => void;

/** Returns the check that a field's access directive requires, or null without a directive. */
function fieldCheck(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
): Check | null {
  if (getDirective(schema, field, 'public')?.length) return () => undefined;
  if (getDirective(schema, field, 'authenticated')?.length) return assertAuthenticated;
  const feature = getDirective(schema, field, 'requiresFeature')?.[0]?.feature as
    Feature | undefined;
  if (feature) return (access) => assertFeature(access, feature);
  const role = getDirective(schema, field, 'requiresRole')?.[0]?.role as Role | undefined;
  if (role) return (access) => assertRole(access, role);
  return null;
}

type InputCheck = (value: unknown, access: Access) => void;

/** Walks an input type and returns a check of the guarded input fields a value uses. */
function inputCheck(
  schema: GraphQLSchema,
  type: GraphQLInputType,
  seen = new Set<string>(),
): InputCheck | null {
  if (isNonNullType(type)) return inputCheck(schema, type.ofType, seen);
  if (isListType(type)) {
    const item = inputCheck(schema, type.ofType, seen);
    if (!item) return null;
    return (value, access) => Array.isArray(value) && value.forEach((entry) => item(entry, access));
  }
  if (!isInputObjectType(type) || seen.has(type.name)) return null;
  seen.add(type.name);
  return objectInputCheck(schema, type, seen);
}

function objectInputCheck(
  schema: GraphQLSchema,
  type: GraphQLInputObjectType,
  seen: Set<string>,
): InputCheck | null {
  const checks: [string, Feature | null, InputCheck | null][] = [];
  for (const field of Object.values(type.getFields())) {
    const feature =
      (getDirective(schema, field, 'requiresFeature')?.[0]?.feature as Feature) ?? null;
    const nested = inputCheck(schema, field.type, seen);
    if (feature || nested) checks.push([field.name, feature, nested]);
  }
  if (checks.length === 0) return null;
  return (value, access) => {
    if (value === null || typeof value !== 'object') return;
    for (const [name, feature, nested] of checks) {
      const fieldValue = (value as Record<string, unknown>)[name];
      if (fieldValue === undefined || fieldValue === null) continue;
      if (feature) assertFeature(access, feature);
      nested?.(fieldValue, access);
    }
  };
}

function argumentsCheck(
  schema: GraphQLSchema,
  args: readonly Pick<GraphQLArgument, 'name' | 'type'>[],
): InputCheck | null {
  const checks = args
    .map((arg) => [arg.name, inputCheck(schema, arg.type)] as const)
    .filter((entry): entry is readonly [string, InputCheck] => entry[1] !== null);
  if (checks.length === 0) return null;
  return (values, access) => {
    for (const [name, check] of checks) check((values as Record<string, unknown>)[name], access);
  };
}

/**
 * Adds the directive definitions and wraps every guarded resolver with its check. The
 * checks on input fields run before the resolver, so a forbidden filter costs nothing.
 */
export function applyAccessDirectives(built: GraphQLSchema): GraphQLSchema {
  const config = built.toConfig();
  // Keeps the directives already declared (the built-in ones and the rate limits).
  const schema = new GraphQLSchema({
    ...config,
    directives: [...config.directives, ...directiveDefinitions(built)],
  });

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => {
      const check = fieldCheck(schema, field);
      const args = Object.entries(field.args ?? {}).map(([name, arg]) => ({
        name,
        type: arg.type,
      }));
      const checkArgs = argumentsCheck(schema, args);
      if (!check && !checkArgs) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve(source, values, context: AccessContext, info) {
          check?.(context.access);
          checkArgs?.(values, context.access);
          return resolve(source, values, context, info);
        },
      };
    },
  });
}

/** Root fields that carry no access directive, or more than one; the schema test wants none. */
export function fieldsWithoutOneAccessDirective(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const root of [
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const count = ACCESS_DIRECTIVES.filter(
        (name) => getDirective(schema, field, name)?.length,
      ).length;
      if (count !== 1) problems.push(`${root?.name}.${field.name} has ${count} access directives`);
    }
  }
  return problems;
}
