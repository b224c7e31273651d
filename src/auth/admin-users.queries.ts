import type { EntityManager } from '@mikro-orm/knex';

import type { ApiKey } from '../api-keys/api-key.entity';
import type { ApiKeyService } from '../api-keys/api-key.service';
import { AppError } from '../core/errors';
import { Page, Paging, toPage } from '../core/paging';
import { PackCode } from '../packs/pack.catalog';
import type { QuotaService, UsageReport } from '../packs/quota.service';
import { Role, User, UserStatus } from './user.entity';

export interface UserFilter {
  pack?: PackCode | null;
  status?: UserStatus | null;
  role?: Role | null;
  email?: string | null;
}

export interface UserDetail {
  user: User;
  apiKeys: ApiKey[];
  usage: UsageReport;
}

export interface AdminStats {
  usersByPack: { pack: PackCode; count: number }[];
  usersByStatus: { status: UserStatus; count: number }[];
  requestsToday: number;
  requestsThisMonth: number;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `escape '\'`. */
function likeFragment(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function countBy<K extends string>(rows: Record<string, unknown>[], column: string, keys: K[]) {
  const counts = new Map(rows.map((row) => [row[column] as K, Number(row.count)]));
  return keys.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

/** Admin reads over accounts: lists, pending signups, detail and figures. */
export class AdminUserQueries {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly quotas: QuotaService,
  ) {}

  async list(em: EntityManager, filter: UserFilter, paging: Paging): Promise<Page<User>> {
    const query = em.createQueryBuilder(User, 'u');
    if (filter.pack) query.andWhere({ pack: filter.pack });
    if (filter.status) query.andWhere({ status: filter.status });
    if (filter.role) query.andWhere({ role: filter.role });
    if (filter.email?.trim()) {
      const pattern = `%${likeFragment(filter.email.trim().toLowerCase())}%`;
      query.andWhere(`u.email like ? escape '\\'`, [pattern]);
    }
    query.orderBy({ id: 'asc' }).limit(paging.pageSize).offset(paging.offset);
    const [users, total] = await query.getResultAndCount();
    return toPage(users, total, paging);
  }

  /** Signups waiting for a decision, oldest first. */
  pending(em: EntityManager, paging: Paging): Promise<Page<User>> {
    return this.list(em, { status: UserStatus.PENDING }, paging);
  }

  async detail(em: EntityManager, id: number): Promise<UserDetail> {
    const user = await em.findOne(User, id);
    if (!user) throw AppError.notFound(`Aucun utilisateur avec l'identifiant ${id}.`);
    const [apiKeys, usage] = await Promise.all([
      this.apiKeys.listOwn(em, id),
      this.quotas.usageOf(id, user.role, user.pack),
    ]);
    return { user, apiKeys, usage };
  }

  async stats(em: EntityManager): Promise<AdminStats> {
    const knex = em.getKnex();
    const byPack = await knex('app_user')
      .select('pack')
      .count({ count: '*' })
      .whereNot('status', UserStatus.DELETED)
      .groupBy('pack');
    const byStatus = await knex('app_user')
      .select('status')
      .count({ count: '*' })
      .groupBy('status');
    const totals = await this.quotas.totals();
    return {
      usersByPack: countBy(byPack, 'pack', Object.values(PackCode)).map(({ key, count }) => ({
        pack: key,
        count,
      })),
      usersByStatus: countBy(byStatus, 'status', Object.values(UserStatus)).map(
        ({ key, count }) => ({ status: key, count }),
      ),
      requestsToday: totals.day,
      requestsThisMonth: totals.month,
    };
  }
}
