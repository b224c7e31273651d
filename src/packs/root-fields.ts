import {
  DocumentNode,
  FragmentDefinitionNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';

type Variables = Record<string, unknown>;

function isIncluded(node: SelectionNode, variables: Variables): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

function collectResponseKeys(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Variables,
  keys: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__'))
        keys.add((selection.alias ?? selection.name).value);
      continue;
    }
    const nested =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : fragments.get(selection.name.value)?.selectionSet;
    if (nested) collectResponseKeys(nested, fragments, variables, keys);
  }
}

/**
 * Counts the root fields an operation executes: one per response key, so each alias counts
 * and a field selected twice under the same key (which GraphQL merges) counts once.
 * Fragments are expanded and `@skip`/`@include` applied. Introspection fields (`__schema`,
 * `__type`, `__typename`) are not counted. The document must have passed validation, which
 * rules out fragment cycles.
 */
export function countRootFields(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Variables = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const keys = new Set<string>();
  collectResponseKeys(operation.selectionSet, fragments, variables, keys);
  return keys.size;
}
