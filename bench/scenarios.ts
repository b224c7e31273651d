import type { GraphQLSchema } from 'graphql';

import type { Scenario } from './scenario';
import { fullSelection } from './selection';

/** Values read from the running server that some scenarios need. */
export interface ScenarioFixtures {
  /** Id of one medicament of the imported version. */
  medicamentId: string;
}

/**
 * Builds the measured scenarios, in run order. Predecessor figures are those of the earlier
 * FastAPI implementation on the bench machine; targets are ten times those.
 *
 * To add one, append an object here. Use a `credentials` name registered in `run.ts`
 * (add a provider there for a PRO user's JWT or API key), `method: 'GET'` with a `path`
 * carrying the query string for REST routes, `cacheBusting: true` for a cold variant, and
 * `kind: 'timed'` for a long request such as the full CSV export (duration and memory).
 */
export function defaultScenarios(schema: GraphQLSchema, fixtures: ScenarioFixtures): Scenario[] {
  const searchQuery = `query BenchMedicaments($filter: MedicamentFilter, $page: Int, $pageSize: Int) {
  medicaments(filter: $filter, page: $page, pageSize: $pageSize) { ${fullSelection(schema, 'MedicamentPage', 2)} }
}`;
  const byIdQuery = `query BenchMedicament($id: ID!) {
  medicament(id: $id) { ${fullSelection(schema, 'Medicament', 1)} }
}`;
  const healthQuery = `query BenchHealth { health { ${fullSelection(schema, 'Health', 2)} } }`;

  const graphql = { method: 'POST', path: '/graphql', check: 'graphql' } as const;
  const list = { query: searchQuery, variables: { pageSize: 50 } };
  const paracetamol = {
    query: searchQuery,
    variables: { filter: { q: 'paracetamol' }, pageSize: 50 },
  };

  return [
    {
      ...graphql,
      name: 'list',
      description:
        'Première page de 50 lignes de la dernière version, dans l’ordre des feuilles, toutes les colonnes.',
      credentials: 'admin',
      graphql: list,
      targetRps: 1000,
      predecessorRps: 102,
    },
    {
      ...graphql,
      name: 'search-paracetamol',
      description:
        'Recherche libre `q: "paracetamol"`, 50 lignes, meilleure correspondance en premier.',
      credentials: 'admin',
      graphql: paracetamol,
      targetRps: 740,
      predecessorRps: 74,
    },
    {
      ...graphql,
      name: 'search-amox-algerie',
      description:
        'Recherche libre `q: "amox"` avec le filtre avancé `paysLaboratoire: "ALGERIE"`, 50 lignes.',
      credentials: 'admin',
      graphql: {
        query: searchQuery,
        variables: { filter: { q: 'amox', paysLaboratoire: 'ALGERIE' } },
      },
      targetRps: 640,
      predecessorRps: 64,
    },
    {
      ...graphql,
      name: 'by-id',
      description: '`medicament(id)` : une ligne, toutes les colonnes.',
      credentials: 'admin',
      graphql: { query: byIdQuery, variables: { id: fixtures.medicamentId } },
      targetRps: 2800,
      predecessorRps: 284,
    },
    {
      ...graphql,
      name: 'health',
      description: 'Requête `health` : état, base, version courante et ses effectifs.',
      credentials: 'admin',
      graphql: { query: healthQuery },
      targetRps: 4300,
      predecessorRps: 434,
    },
    {
      ...graphql,
      name: 'health-anonymous',
      description:
        'Même requête que `health`, sans en-tête `Authorization` : l’écart avec `health` est le coût de l’authentification.',
      credentials: 'anonymous',
      graphql: { query: healthQuery },
      targetRps: 4300,
      predecessorRps: 434,
    },
    {
      ...graphql,
      name: 'list-uncached',
      description:
        'Même requête que `list`, rendue unique à chaque envoi pour que le cache de réponses ne serve pas.',
      credentials: 'admin',
      graphql: list,
      cacheBusting: true,
      targetRps: 1000,
      predecessorRps: 102,
    },
    {
      ...graphql,
      name: 'search-paracetamol-uncached',
      description:
        'Même requête que `search-paracetamol`, rendue unique à chaque envoi pour que le cache de réponses ne serve pas.',
      credentials: 'admin',
      graphql: paracetamol,
      cacheBusting: true,
      targetRps: 740,
      predecessorRps: 74,
    },
  ];
}
