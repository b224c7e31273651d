import type { EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';

import { Medicament } from '../medicaments/medicament.entity';

/**
 * Inserts medicaments with plain knex bulk inserts in the current transaction of `em`.
 * `em.insertMany` checks and converts every value of every row through the ORM, which took
 * about half of the time of an import of the real workbook, and produced most of its
 * short-lived memory. Column names and value conversions still come from the ORM metadata,
 * so a row is stored as the ORM would store it: dates through the platform, other
 * typed values (JSON) through their ORM type.
 */
export class MedicamentWriter {
  /** Stored properties in column order: every one but the generated primary key. */
  private readonly properties: EntityProperty<Medicament>[];
  private readonly tableName: string;

  constructor(private readonly em: EntityManager) {
    const meta = em.getMetadata().get<Medicament>(Medicament.name);
    this.tableName = meta.tableName;
    this.properties = Object.values(meta.properties).filter(
      (property) => property.persist !== false && !property.autoincrement,
    ) as EntityProperty<Medicament>[];
  }

  /**
   * Inserts `medicaments`, given as entity property values, in one statement. A property
   * left out is stored as null.
   */
  async insert(medicaments: Partial<Medicament>[]): Promise<void> {
    if (medicaments.length === 0) return;
    const platform = this.em.getPlatform();
    const bindings: unknown[] = [];
    for (const medicament of medicaments) {
      const values = medicament as Record<string, unknown>;
      for (const property of this.properties) {
        bindings.push(columnValue(property, values[property.name], platform));
      }
    }
    const placeholders = `(${this.properties.map(() => '?').join(',')})`;
    const sql = `insert into ?? (??) values ${new Array(medicaments.length).fill(placeholders).join(',')}`;
    const columns = this.properties.map((property) => property.fieldNames[0]);
    const knex = this.em.getTransactionContext<Knex.Transaction>() ?? this.em.getKnex();
    await knex.raw(sql, [this.tableName, columns, ...bindings] as Knex.RawBinding[]);
  }
}

function columnValue(
  property: EntityProperty<Medicament>,
  value: unknown,
  platform: ReturnType<EntityManager['getPlatform']>,
): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return platform.processDateProperty(value);
  if (property.customType) {
    return property.customType.convertToDatabaseValue(value, platform, { mode: 'query-data' });
  }
  return value;
}
