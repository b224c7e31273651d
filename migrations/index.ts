import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261204161451_Initial } from './Migration20261204161451_Initial';
import { Migration20261204172616_AccessAndAudit } from './Migration20261204172616_AccessAndAudit';

/**
 * Every PostgreSQL migration, in order. They are listed here rather than discovered on disk
 * so that the same list works from TypeScript sources (tests) and from `dist/` (production).
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261204161451_Initial', class: Migration20261204161451_Initial },
  { name: 'Migration20261204172616_AccessAndAudit', class: Migration20261204172616_AccessAndAudit },
];
