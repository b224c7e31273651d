import { AppError } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A checked page request, with the offset to read from. */
export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
}

/** One page of a list, as admin list queries return it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Checks `page` (from 1) and `pageSize` (1 to 200, default 50); raises BAD_USER_INPUT. */
export function resolvePaging(page?: number | null, pageSize?: number | null): Paging {
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
  return { page: resolvedPage, pageSize: resolvedSize, offset: (resolvedPage - 1) * resolvedSize };
}

/** Builds a page from its items and the total count. */
export function toPage<T>(items: T[], total: number, paging: Paging): Page<T> {
  return {
    items,
    total,
    page: paging.page,
    pageSize: paging.pageSize,
    pageCount: Math.ceil(total / paging.pageSize),
  };
}

/** Parses a GraphQL `ID` argument into a positive integer; raises BAD_USER_INPUT. */
export function parseId(id: string | number, field = 'id'): number {
  const value = Number(id);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw AppError.badInput(`Identifiant invalide : « ${id} ».`, { field });
  }
  return value;
}
