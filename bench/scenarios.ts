import type { GraphQLSchema } from 'graphql';

import { DATE_PLACEHOLDER, Scenario } from './scenario';
import { fullSelection } from './selection';

/** Values read from the running server that some scenarios need. */
export interface ScenarioFixtures {
  /** Id of one medicament of the imported version. */
  medicamentId: string;
  /** Rows of the imported version visible to the admin, as `medicaments { total }` reports. */
  medicamentCount: number;
}

/** Entries listed per breakdown in `statistiques`; the rest is summed into `othersCount`. */
const BREAKDOWN_LIMIT = '10';

/**
 * Builds the measured scenarios, in run order. Predecessor figures are those of the earlier
 * FastAPI implementation on the bench machine; targets are ten times those.
 *
 * To add one, append an object here. Use a `credentials` name registered in `run.ts`
 * (`admin`, `anonymous`, `pro-jwt`, `pro-api-key`) and `method: 'GET'` with a `path`
 * carrying the query string for REST routes. Set `cacheBusting: true` for a cold variant, or
 * put `DATE_PLACEHOLDER` in a filter when a cache keys on validated criteria only. Use
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
  const statistiquesQuery = `query BenchStatistiques($filter: MedicamentFilter) {
  statistiques(filter: $filter) { ${fullSelection(schema, 'Statistiques', 2, { limit: BREAKDOWN_LIMIT })} }
}`;
  // Depth 3 reaches lastImport.sheets.warningsByKind; topLaboratoires and topPays keep their
  // default limit of 10.
  const dashboardQuery = `query BenchDashboard { dashboard { ${fullSelection(schema, 'Dashboard', 3)} } }`;

  const graphql = { method: 'POST', path: '/graphql', check: 'graphql' } as const;
  const list = { query: searchQuery, variables: { pageSize: 50 } };
  const paracetamol = {
    query: searchQuery,
    variables: { filter: { q: 'paracetamol' }, pageSize: 50 },
  };
  // Every date is after 2026, so each request counts the rows that have an initial date
  // (the same rows every time) under a new key of the statistics cache.
  const statistiquesUncached = {
    query: statistiquesQuery,
    variables: { filter: { dateInitialMax: DATE_PLACEHOLDER } },
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
    {
      ...graphql,
      name: 'search-paracetamol-pro-key',
      description:
        'Même requête que `search-paracetamol`, authentifiée par la clé API (`X-API-Key`) d’un utilisateur PRO.',
      credentials: 'pro-api-key',
      graphql: paracetamol,
      targetRps: 740,
      predecessorRps: 74,
    },
    {
      ...graphql,
      name: 'search-paracetamol-pro-jwt',
      description:
        'Même requête que `search-paracetamol`, authentifiée par le jeton (`Authorization: Bearer`) d’un utilisateur PRO.',
      credentials: 'pro-jwt',
      graphql: paracetamol,
      targetRps: 740,
      predecessorRps: 74,
    },
    {
      ...graphql,
      name: 'statistiques',
      description:
        '`statistiques` sans filtre, tous les champs, chaque répartition avec `limit: 10` : même requête répétée, servie par le cache des statistiques. Le prédécesseur (51 req/s) ne mettait pas en cache.',
      credentials: 'admin',
      graphql: { query: statistiquesQuery },
      targetRps: 2500,
      predecessorRps: 51,
    },
    {
      ...graphql,
      name: 'statistiques-uncached',
      description:
        'Même sélection que `statistiques`, avec `filter: { dateInitialMax }` à une date postérieure à 2026 différente à chaque requête : le cache des statistiques ne sert jamais.',
      credentials: 'admin',
      graphql: statistiquesUncached,
      targetRps: null,
      predecessorRps: 51,
    },
    {
      ...graphql,
      name: 'statistiques-uncached-latency',
      description:
        'Requête de `statistiques-uncached` envoyée 20 fois, l’une après l’autre : durée d’une requête sans cache sur un serveur non chargé (cible : médiane sous 100 ms).',
      credentials: 'admin',
      graphql: statistiquesUncached,
      kind: 'timed',
      repeat: 20,
      targetMs: 100,
      targetRps: null,
      predecessorRps: null,
    },
    {
      ...graphql,
      name: 'dashboard',
      description:
        '`dashboard` de la dernière version, tous les champs (dernier import et ses feuilles compris) : même requête répétée, servie par le cache des statistiques.',
      credentials: 'admin',
      graphql: { query: dashboardQuery },
      targetRps: null,
      predecessorRps: null,
    },
    {
      name: 'export-csv',
      description:
        '`GET /medicaments/export` : toute la dernière version en CSV, téléchargée 5 fois l’une après l’autre ; durée jusqu’au dernier octet et croissance de la mémoire du serveur.',
      method: 'GET',
      path: '/medicaments/export',
      credentials: 'admin',
      check: 'csv',
      expectedCsvRows: fixtures.medicamentCount,
      kind: 'timed',
      repeat: 5,
      targetMs: 1000,
      targetRssGrowthMB: 50,
      targetRps: null,
      predecessorRps: null,
    },
  ];
}
