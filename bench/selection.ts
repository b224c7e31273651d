import fs from 'node:fs';
import path from 'node:path';

import {
  buildSchema,
  getNamedType,
  GraphQLSchema,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';

import { REPO_ROOT } from './environment';

/** Reads the committed SDL, so that scenarios follow the schema as it is emitted. */
export function loadCommittedSchema(): GraphQLSchema {
  const file = path.join(REPO_ROOT, 'schema', 'schema.graphql');
  return buildSchema(fs.readFileSync(file, 'utf8'));
}

/**
 * Builds a selection set of every field of an object type that takes no required argument:
 * scalars and enums, and object fields expanded `depth` levels deep. Benchmarks select
 * whole rows this way, as a client displaying a full record would. `fieldArguments` maps an
 * argument name to a GraphQL literal, passed to every selected field that takes that
 * argument (`{ limit: '10' }` adds `(limit: 10)`).
 */
export function fullSelection(
  schema: GraphQLSchema,
  typeName: string,
  depth = 1,
  fieldArguments: Record<string, string> = {},
): string {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);

  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
      continue;
    const passedArguments = field.args
      .filter((arg) => arg.name in fieldArguments)
      .map((arg) => `${arg.name}: ${fieldArguments[arg.name]}`);
    const name = passedArguments.length
      ? `${field.name}(${passedArguments.join(', ')})`
      : field.name;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(name);
    else if (isObjectType(named) && depth > 0)
      parts.push(`${name} { ${fullSelection(schema, named.name, depth - 1, fieldArguments)} }`);
  }
  if (parts.length === 0) throw new Error(`${typeName} has no field to select at this depth`);
  return parts.join(' ');
}
