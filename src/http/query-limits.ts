import {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';

/**
 * Maximum selection depth. The introspection query of graphql-js, which GraphiQL and
 * code generators send, nests 15 levels with every option on.
 */
export const MAX_QUERY_DEPTH = 20;

/**
 * Maximum number of fields and fragment spreads an operation may select, counting each once per place it
 * is reached (aliases included). A request of 1 MB could otherwise ask for one
 * field tens of thousands of times under different aliases.
 */
export const MAX_QUERY_FIELDS = 2000;

interface Tally {
  fields: number;
  deepest: number;
}

function over(tally: Tally): boolean {
  return tally.fields > MAX_QUERY_FIELDS || tally.deepest > MAX_QUERY_DEPTH;
}

/** Counts fields and depth with fragments expanded, and stops as soon as a limit is passed. */
function measure(
  selectionSet: SelectionSetNode,
  depth: number,
  tally: Tally,
  fragments: Map<string, FragmentDefinitionNode>,
  expanding: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (over(tally)) return;
    if (selection.kind === Kind.FIELD) {
      tally.fields += 1;
      tally.deepest = Math.max(tally.deepest, depth);
      if (selection.selectionSet)
        measure(selection.selectionSet, depth + 1, tally, fragments, expanding);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(selection.selectionSet, depth, tally, fragments, expanding);
      continue;
    }
    // Each spread counts, even of an unknown fragment or one already being expanded: a few
    // fragments that each spread the next twice would otherwise be walked 2^n times.
    tally.fields += 1;
    const name = selection.name.value;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are reported by graphql-js's own rules.
    if (!fragment || expanding.has(name)) continue;
    expanding.add(name);
    measure(fragment.selectionSet, depth, tally, fragments, expanding);
    expanding.delete(name);
  }
}

/**
 * Validation rule that rejects operations deeper than MAX_QUERY_DEPTH or selecting more than
 * MAX_QUERY_FIELDS fields, before anything runs.
 */
export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return {
    OperationDefinition(operation) {
      const tally: Tally = { fields: 0, deepest: 0 };
      measure(operation.selectionSet, 1, tally, fragments, new Set());
      if (tally.deepest > MAX_QUERY_DEPTH) {
        context.reportError(
          new GraphQLError(
            `Requête trop profonde : ${MAX_QUERY_DEPTH} niveaux de sélection au plus.`,
            { nodes: [operation] },
          ),
        );
      } else if (tally.fields > MAX_QUERY_FIELDS) {
        context.reportError(
          new GraphQLError(
            `Requête trop grande : ${MAX_QUERY_FIELDS} champs et fragments sélectionnés au plus, alias compris.`,
            { nodes: [operation] },
          ),
        );
      }
    },
  };
}
