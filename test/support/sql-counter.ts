import type { TestServer } from './server';

/** Counts the SQL statements a server sends whose text matches a pattern. */
export interface SqlCounter {
  readonly statements: string[];
  /** Statements seen since the counter started or was last reset. */
  count(): number;
  reset(): void;
  stop(): void;
}

/**
 * Listens to knex `query` events of the server's connection. Only statements matching
 * `pattern` count, so that work of other features (authentication, quotas) does not change
 * the figures a test asserts.
 */
export function countSql(server: TestServer, pattern: RegExp): SqlCounter {
  const knex = server.services.orm.em.getConnection().getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => {
    if (pattern.test(query.sql)) statements.push(query.sql);
  };
  knex.on('query', listener);
  return {
    statements,
    count: () => statements.length,
    reset: () => {
      statements.length = 0;
    },
    stop: () => {
      knex.removeListener('query', listener);
    },
  };
}
