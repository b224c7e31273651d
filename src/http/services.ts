import { AuthService } from '../auth/auth.service';
import { AccessChangeSubscriber, CredentialCache } from '../auth/credential-cache';
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
  /** Bumped when an account or an API key changes; empties the credential cache. */
  accessGeneration: DataGeneration;
  credentials: CredentialCache;
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
  const accessGeneration = new DataGeneration();
  const credentials = new CredentialCache(accessGeneration);
  orm.em.getEventManager().registerSubscriber(new AccessChangeSubscriber(accessGeneration));
  const auth = new AuthService(tokens, logger, credentials);
  const health = new HealthService(versions, config.appVersion, logger);
  generation.on('change', () => health.invalidate());
  const accountServices = createAccountServices(config, logger, orm, auth, credentials);
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
    accessGeneration,
    credentials,
    tokens,
    auth,
    ...accountServices,
    versions,
    medicaments,
    ...createNomenclatureServices({
      config,
      logger,
      generation,
      accessGeneration,
      versions,
      medicaments,
      audit: accountServices.audit,
    }),
    imports: new ImportService(logger, generation, config.database.kind),
    health,
  };
}
