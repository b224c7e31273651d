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
import { AccountServices, createAccountServices } from './account-services';
import { HealthService } from './health.service';
import { createNomenclatureServices, NomenclatureServices } from './nomenclature-services';

/** The long-lived services of one running app, shared by GraphQL and REST. */
export interface Services extends AccountServices, NomenclatureServices {
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
  const auth = new AuthService(tokens, logger);
  const health = new HealthService(versions, config.appVersion, logger);
  generation.on('change', () => health.invalidate());
  const accountServices = createAccountServices(config, logger, orm, auth);
  const medicaments = new MedicamentService(
    versions,
    new SuggestionService(generation),
    textCollation,
  );
  return {
    config,
    logger,
    orm,
    generation,
    tokens,
    auth,
    ...accountServices,
    versions,
    medicaments,
    ...createNomenclatureServices({
      config,
      logger,
      generation,
      versions,
      medicaments,
      audit: accountServices.audit,
    }),
    imports: new ImportService(logger, generation, config.database.kind),
    health,
  };
}
