import { Migration } from '@mikro-orm/migrations';

export class Migration20261204161451_Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "import_log" ("id" serial primary key, "version" varchar(10) null, "source_file" text not null, "sha256" varchar(64) not null, "status" text check ("status" in ('RUNNING', 'SUCCEEDED', 'FAILED')) not null default 'RUNNING', "requested_sheets" jsonb null, "imported_by_id" int null, "imported_by" text null, "started_at" timestamptz not null, "finished_at" timestamptz null, "sheets" jsonb null, "row_count" int not null default 0, "warning_count" int not null default 0, "warnings" jsonb null, "error" text null, "duration_ms" int null);`,
    );
    this.addSql(
      `create index "import_log_version_status_index" on "import_log" ("version", "status");`,
    );

    this.addSql(
      `create table "medicament" ("id" serial primary key, "version" varchar(10) not null, "categorie" text check ("categorie" in ('NOMENCLATURE', 'NON_RENOUVELE', 'RETRAIT')) not null, "sheet_row" int not null, "import_log_id" int null, "n" text null, "num_enregistrement" text null, "code" text null, "dci" text null, "nom_marque" text null, "forme" text null, "dosage" text null, "conditionnement" text null, "liste" text check ("liste" in ('LISTE_I', 'LISTE_II', 'STUPEFIANTS')) null, "liste_raw" text null, "p1" text null, "p2" text null, "obs" text null, "laboratoire" text null, "pays_laboratoire" text null, "date_enregistrement_initial" varchar(10) null, "date_enregistrement_initial_raw" text null, "date_enregistrement_final" varchar(10) null, "date_enregistrement_final_raw" text null, "type_medicament" text check ("type_medicament" in ('GE', 'RE', 'BIO')) null, "type_medicament_raw" text null, "statut" text check ("statut" in ('F', 'I')) null, "statut_raw" text null, "duree_stabilite" text null, "date_retrait" varchar(10) null, "date_retrait_raw" text null, "motif_retrait" text null, "warnings" jsonb null, "search_text" text not null default '', "dci_search" text not null default '', "nom_marque_search" text not null default '', "code_search" text not null default '', "num_enregistrement_search" text not null default '', "laboratoire_search" text not null default '', "pays_laboratoire_search" text not null default '', "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by_id" int null, "updated_by_id" int null, "deleted_at" timestamptz null, "deleted_by_id" int null);`,
    );
    this.addSql(
      `create index "medicament_version_num_enregistrement_index" on "medicament" ("version", "num_enregistrement");`,
    );
    this.addSql(
      `create index "medicament_version_categorie_sheet_row_index" on "medicament" ("version", "categorie", "sheet_row");`,
    );

    this.addSql(
      `create table "app_user" ("id" serial primary key, "email" varchar(320) not null, "password_hash" text not null, "full_name" text null, "phone" varchar(40) null, "organisation" text null, "role" text check ("role" in ('ADMIN', 'LECTEUR')) not null default 'LECTEUR', "pack" text check ("pack" in ('FREE', 'PRO', 'INSTITUTIONNEL', 'DEVELOPPEUR')) not null default 'FREE', "status" text check ("status" in ('PENDING', 'ACTIVE', 'REJECTED', 'DISABLED', 'DELETED')) not null default 'PENDING', "password_changed_at" timestamptz null, "token_version" int not null default 0, "last_login_at" timestamptz null, "rejection_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_log" cascade;`);

    this.addSql(`drop table if exists "medicament" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);
  }
}
