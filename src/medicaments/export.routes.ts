import Router from '@koa/router';

import { assertFeature } from '../auth/directives';
import { AppError } from '../core/errors';
import type { RequestState } from '../http/context';
import { requireAuthenticated } from '../http/rest-access';
import type { Services } from '../http/services';
import { Feature } from '../packs/pack.catalog';
import { csvStream } from './export.csv';
import { readExportParams } from './export.params';
import { visibilityOf } from './medicament.resolver';

/**
 * `GET /medicaments/export`: every row of a `medicaments` search as CSV, same filters and
 * order, streamed. Needs EXPORT_CSV; advanced filters need ADVANCED_FILTERS.
 */
export function exportRoutes(services: Services): Router {
  const router = new Router();

  router.get('/medicaments/export', requireAuthenticated, async (ctx) => {
    const state = ctx.state as RequestState;
    assertFeature(state.access, Feature.EXPORT_CSV);
    const { search, delimiter } = readExportParams(ctx.query, state.access);
    const visibility = visibilityOf(state.access);

    // Pull the first row now, so that invalid criteria or an unknown version fail before any
    // byte is sent, while the response status can still report the error.
    const records = services.medicaments.streamAll(state.em, search, visibility);
    const first = await records.next();
    const version = await services.medicaments.resolveVersion(state.em, search.version);
    if (!version) throw AppError.notFound('Aucune version publiée : rien à exporter.');

    ctx.type = 'text/csv; charset=utf-8';
    ctx.attachment(`medicaments-${version}.csv`);
    ctx.body = csvStream(withFirst(first, records), delimiter, state.logger);
  });

  return router;
}

/** The rows of a generator whose first result was already read. */
async function* withFirst<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}
