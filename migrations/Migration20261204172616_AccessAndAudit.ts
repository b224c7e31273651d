import { Migration } from '@mikro-orm/migrations';

export class Migration20261204172616_AccessAndAudit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_key" ("id" serial primary key, "owner_id" int not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "active" boolean not null default true, "created_at" timestamptz not null, "last_used_at" timestamptz null, "use_count" int not null default 0, "revoked_at" timestamptz null, "disabled_at" timestamptz null);`,
    );
    this.addSql(`create index "api_key_owner_id_index" on "api_key" ("owner_id");`);
    this.addSql(
      `alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`,
    );

    this.addSql(
      `create table "audit_log" ("id" serial primary key, "actor_id" int not null, "action" text check ("action" in ('USER_CREATED', 'USER_UPDATED', 'USER_APPROVED', 'USER_REJECTED', 'USER_PACK_CHANGED', 'USER_DEACTIVATED', 'USER_PASSWORD_RESET', 'API_KEY_ENABLED', 'API_KEY_DISABLED', 'API_KEY_DELETED', 'MEDICAMENT_CREATED', 'MEDICAMENT_UPDATED', 'MEDICAMENT_DELETED', 'MEDICAMENT_RESTORED', 'DUPLICATES_CLEANED')) not null, "target_user_id" int null, "api_key_id" int null, "details" jsonb null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "audit_log_created_at_index" on "audit_log" ("created_at");`);
    this.addSql(`create index "audit_log_target_user_id_index" on "audit_log" ("target_user_id");`);

    this.addSql(
      `create table "mail_outbox" ("id" serial primary key, "user_id" int null, "recipient" varchar(320) not null, "template" varchar(64) not null, "subject" text not null, "body" text not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null);`,
    );
    this.addSql(`create index "mail_outbox_user_id_index" on "mail_outbox" ("user_id");`);
    this.addSql(
      `create index "mail_outbox_status_created_at_index" on "mail_outbox" ("status", "created_at");`,
    );

    this.addSql(
      `create table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limit_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "usage_counter" ("id" serial primary key, "user_id" int not null, "period" text check ("period" in ('DAY', 'MONTH')) not null, "period_start" varchar(10) not null, "count" int not null default 0);`,
    );
    this.addSql(
      `alter table "usage_counter" add constraint "usage_counter_user_id_period_period_start_unique" unique ("user_id", "period", "period_start");`,
    );

    this.addSql(`alter table "app_user" add column "deleted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "mail_outbox" cascade;`);

    this.addSql(`drop table if exists "rate_limit" cascade;`);

    this.addSql(`drop table if exists "usage_counter" cascade;`);

    this.addSql(`alter table "app_user" drop column "deleted_at";`);
  }
}
