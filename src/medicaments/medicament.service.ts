import type { EntityManager, Knex } from '@mikro-orm/knex';

import { AppError, ForbiddenReason } from '../core/errors';
import { foldWords } from '../core/text';
import { Categorie } from '../import/workbook.types';
import { MedicamentRecord, recordSelectList, toRecord } from './medicament.columns';
import {
  applyCriteria,
  applyOrder,
  applyVisibility,
  MedicamentCriteria,
  SortInput,
  TEXT_FILTER_COLUMNS,
} from './search.query';
import { SuggestionService } from './suggestion.service';
import { VersionService } from './version.service';

const RECORD_SELECT = recordSelectList();

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Visibility of rows for a caller, derived from its pack and role. */
export interface Visibility {
  showRetraits: boolean;
  isAdmin: boolean;
}

export interface SearchRequest {
  criteria: MedicamentCriteria;
  version?: string | null;
  sort?: SortInput | null;
  page?: number | null;
  pageSize?: number | null;
}

export interface SearchPage {
  items: MedicamentRecord[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  version: string | null;
  suggestions: string[];
  withdrawnHidden: number;
}

/** Reads medicaments for GraphQL and the CSV export alike. */
export class MedicamentService {
  constructor(
    private readonly versions: VersionService,
    private readonly suggestions: SuggestionService,
    private readonly textCollation: string,
  ) {}

  async search(
    em: EntityManager,
    request: SearchRequest,
    visibility: Visibility,
  ): Promise<SearchPage> {
    const { page, pageSize } = checkPaging(request.page, request.pageSize);
    const criteria = this.checkCriteria(request.criteria, visibility);
    const published = await this.versions.resolve(em, request.version);
    if (!published) return emptyPage(page, pageSize);

    const knex = em.getKnex();
    const counts = await this.count(knex, published.version, criteria);
    const withdrawnHidden = visibility.showRetraits ? 0 : counts.retraits;
    const total = counts.total - withdrawnHidden;
    const items =
      total > 0
        ? await this.fetchPage(
            knex,
            published.version,
            request,
            criteria,
            visibility,
            page,
            pageSize,
          )
        : [];
    const suggestions =
      counts.total === 0 && criteria.q
        ? await this.suggestions.suggest(em, published.version, criteria.q, visibility.showRetraits)
        : [];

    return {
      items,
      total,
      page,
      pageSize,
      pageCount: Math.ceil(total / pageSize),
      version: published.version,
      suggestions,
      withdrawnHidden,
    };
  }

  /** Finds one row by id. Withdrawn rows are hidden without RETRAITS, deleted ones from non-admins. */
  async findById(em: EntityManager, id: number, visibility: Visibility): Promise<MedicamentRecord> {
    const query = em.getKnex()('medicament').select(RECORD_SELECT).where('id', id);
    if (!visibility.isAdmin) query.whereNull('deleted_at');
    applyVisibility(query, visibility.showRetraits);
    const row = await query.first();
    if (!row) throw AppError.notFound(`Aucun médicament avec l'identifiant ${id}.`);
    return toRecord(row);
  }

  /**
   * Streams every matching row in the requested order for exports, reading 1,000 rows at a
   * time so that memory stays flat whatever the result size.
   */
  async *streamAll(
    em: EntityManager,
    request: SearchRequest,
    visibility: Visibility,
  ): AsyncGenerator<MedicamentRecord> {
    const criteria = this.checkCriteria(request.criteria, visibility);
    const published = await this.versions.resolve(em, request.version);
    if (!published) return;
    const knex = em.getKnex();
    const chunkSize = 1000;
    for (let offset = 0; ; offset += chunkSize) {
      const rows = await this.buildPageQuery(knex, published.version, request, criteria, visibility)
        .limit(chunkSize)
        .offset(offset);
      for (const row of rows) yield toRecord(row);
      if (rows.length < chunkSize) return;
    }
  }

  /** The version a request would read, for export file names. */
  async resolveVersion(em: EntityManager, version?: string | null): Promise<string | null> {
    return (await this.versions.resolve(em, version))?.version ?? null;
  }

  /** Rejects `includeDeleted` from non-admins and dates not in `YYYY-MM-DD` form. */
  checkCriteria(criteria: MedicamentCriteria, visibility: Visibility): MedicamentCriteria {
    if (criteria.includeDeleted && !visibility.isAdmin) {
      throw AppError.forbidden(
        ForbiddenReason.ROLE,
        'Seuls les administrateurs peuvent voir les médicaments supprimés.',
      );
    }
    for (const field of ['dateInitialMin', 'dateInitialMax'] as const) {
      const value = criteria[field];
      if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw AppError.badInput(`${field} invalide : format attendu AAAA-MM-JJ.`, { field });
      }
    }
    for (const field of [
      'q',
      ...Object.keys(TEXT_FILTER_COLUMNS),
    ] as (keyof MedicamentCriteria)[]) {
      checkSearchText(field, criteria[field]);
    }
    return criteria;
  }

  private async count(
    knex: Knex,
    version: string,
    criteria: MedicamentCriteria,
  ): Promise<{ total: number; retraits: number }> {
    const query = knex('medicament')
      .count({ total: '*' })
      .select(
        knex.raw(`sum(case when categorie = ? then 1 else 0 end) as retraits`, [Categorie.RETRAIT]),
      );
    applyCriteria(query, version, criteria);
    const row = (await query.first()) as {
      total: number | string;
      retraits: number | string | null;
    };
    return { total: Number(row.total), retraits: Number(row.retraits ?? 0) };
  }

  private async fetchPage(
    knex: Knex,
    version: string,
    request: SearchRequest,
    criteria: MedicamentCriteria,
    visibility: Visibility,
    page: number,
    pageSize: number,
  ): Promise<MedicamentRecord[]> {
    const rows = await this.buildPageQuery(knex, version, request, criteria, visibility)
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return rows.map(toRecord);
  }

  private buildPageQuery(
    knex: Knex,
    version: string,
    request: SearchRequest,
    criteria: MedicamentCriteria,
    visibility: Visibility,
  ): Knex.QueryBuilder {
    const query = knex('medicament').select(RECORD_SELECT);
    applyCriteria(query, version, criteria);
    applyVisibility(query, visibility.showRetraits);
    applyOrder(query, criteria, request.sort, this.textCollation);
    return query;
  }
}

/** Maximum length, and maximum word count, of the text of one search filter. */
export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_WORDS = 12;

/**
 * Rejects search text that would build an oversized SQL statement: each word adds one LIKE,
 * and SQLite refuses expressions deeper than 1,000 terms.
 */
function checkSearchText(field: string, value: unknown): void {
  if (typeof value !== 'string') return;
  if (value.length > MAX_SEARCH_LENGTH || foldWords(value).length > MAX_SEARCH_WORDS) {
    throw AppError.badInput(
      `${field} trop long : ${MAX_SEARCH_LENGTH} caractères et ${MAX_SEARCH_WORDS} mots au plus.`,
      { field },
    );
  }
}

function checkPaging(
  page?: number | null,
  pageSize?: number | null,
): { page: number; pageSize: number } {
  const resolvedPage = page ?? 1;
  const resolvedSize = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(resolvedPage) || resolvedPage < 1) {
    throw AppError.badInput(`page invalide (${resolvedPage}) : la première page est 1.`, {
      field: 'page',
    });
  }
  if (!Number.isInteger(resolvedSize) || resolvedSize < 1 || resolvedSize > MAX_PAGE_SIZE) {
    throw AppError.badInput(
      `pageSize invalide (${resolvedSize}) : il doit être compris entre 1 et ${MAX_PAGE_SIZE}.`,
      { field: 'pageSize' },
    );
  }
  return { page: resolvedPage, pageSize: resolvedSize };
}

function emptyPage(page: number, pageSize: number): SearchPage {
  return {
    items: [],
    total: 0,
    page,
    pageSize,
    pageCount: 0,
    version: null,
    suggestions: [],
    withdrawnHidden: 0,
  };
}
