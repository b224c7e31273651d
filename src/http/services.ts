import { AuthService } from '../auth/auth.service';
import { TokenService } from '../auth/token.service';
import { AppConfig } from '../core/config';
import { DataGeneration } from '../core/generation';
import type { Logger } from '../core/logger';
import type { Orm } from '../db/orm';
import { ImportService } from '../import/import.service';
import { MedicamentService } from '../medicaments/medicament.service';
import { SuggestionService } from '../medicaments/suggestion.service';
import { VersionService } from '../medicaments/version.service';
import { HealthService } from './health.service';

/** The long-lived services of one running app, shared by GraphQL and REST. */
export interface Services {
  config: AppConfig;
  logger: Logger;
  orm: Orm;
  generation: DataGeneration;
  tokens: TokenService;
  auth: AuthService;
  versions: VersionService;
  medicaments: MedicamentService;
  imports: ImportService;
  health: HealthService;
}

/** Wires the services; the only place that decides which implementation each one gets. */
export function createServices(config: AppConfig, logger: Logger, orm: Orm): Services {
  const generation = new DataGeneration();
  const tokens = new TokenService(config);
  const versions = new VersionService(generation);
  const textCollation = config.database.kind === 'postgresql' ? ' collate "C"' : '';
  return {
    config,
    logger,
    orm,
    generation,
    tokens,
    auth: new AuthService(tokens, logger),
    versions,
    medicaments: new MedicamentService(versions, new SuggestionService(generation), textCollation),
    imports: new ImportService(logger, generation),
    health: new HealthService(versions, config.appVersion, logger),
  };
}
