import { User } from '../auth/user.entity';
import { ImportLog } from '../import/import-log.entity';
import { Medicament } from '../medicaments/medicament.entity';

/** Every entity class; the one list shared by the app, the CLI and `mikro-orm.config.ts`. */
export const ENTITIES = [Medicament, ImportLog, User];
