import fs from 'node:fs';
import path from 'node:path';

/** Database driver chosen from `DATABASE_URL`. */
export type DatabaseKind = 'sqlite' | 'postgresql';

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** The URL as given, kept for logs with its password masked. */
  url: string;
  /** SQLite file path (or `:memory:`); empty for PostgreSQL. */
  sqlitePath: string;
}

export interface MailConfig {
  enabled: boolean;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Mailbox the Microsoft Graph `sendMail` call sends from. */
  sender: string;
}

/** The whole runtime configuration, validated once at boot. */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  database: DatabaseConfig;
  secretKey: string;
  jwtIssuer: string;
  jwtAudience: string;
  adminEmail: string;
  adminPassword: string;
  /** True when the admin credentials are the development defaults (never in production). */
  adminFromDefaults: boolean;
  /** Prefix of every route, without a trailing slash ('' when unset). */
  rootPath: string;
  redisUrl: string;
  /**
   * Prefix of every Redis key and channel (`npp` by default), so that several deployments,
   * or test runs, can share one Redis server.
   */
  redisKeyPrefix: string;
  corsOrigins: string[];
  trustProxy: boolean;
  maxUploadBytes: number;
  logLevel: string;
  /** Workbook imported at start unless its version is already published (`IMPORT_FILE`). */
  importFile: string;
  mail: MailConfig;
  appVersion: string;
}

type Env = Record<string, string | undefined>;

/** Development default; refused when `NODE_ENV=production`. */
export const DEFAULT_SECRET_KEY = 'dev-secret-change-me-dev-secret-change-me';

/**
 * Admin created outside production when ADMIN_EMAIL and ADMIN_PASSWORD are both unset, so
 * that a fresh checkout can log in at once. The server logs a warning when it uses them.
 */
export const DEVELOPMENT_ADMIN = { email: 'admin@npp.local', password: 'admin-npp-dev' } as const;

const MIN_PRODUCTION_SECRET_LENGTH = 32;

class ConfigErrors {
  readonly problems: string[] = [];

  add(problem: string): void {
    this.problems.push(problem);
  }
}

function readInteger(
  env: Env,
  name: string,
  fallback: number,
  errors: ConfigErrors,
  min = 1,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    errors.add(`${name} must be an integer of at least ${min}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean, errors: ConfigErrors): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  errors.add(`${name} must be true or false, got "${env[name]}"`);
  return fallback;
}

/** Parses `sqlite:PATH`, `sqlite::memory:` or a `postgres(ql)://` URL. */
export function parseDatabaseUrl(
  url: string,
  errors?: { add(problem: string): void },
): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file)
      errors?.add('DATABASE_URL=sqlite: needs a file path, for example sqlite:./data/npp.sqlite');
    const sqlitePath = file === ':memory:' ? file : path.resolve(file || 'data/npp.sqlite');
    return { kind: 'sqlite', url, sqlitePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { kind: 'postgresql', url, sqlitePath: '' };
  }
  errors?.add(`DATABASE_URL must start with sqlite: or postgresql://, got "${maskUrl(url)}"`);
  return { kind: 'sqlite', url, sqlitePath: path.resolve('data/npp.sqlite') };
}

const REDIS_KEY_PREFIX_FORMAT = /^[A-Za-z0-9_-]{1,40}$/;

function readRedisKeyPrefix(env: NodeJS.ProcessEnv, errors: ConfigErrors): string {
  const prefix = env.REDIS_KEY_PREFIX || 'npp';
  if (!REDIS_KEY_PREFIX_FORMAT.test(prefix))
    errors.add('REDIS_KEY_PREFIX must be 1 to 40 letters, digits, "_" or "-"');
  return prefix;
}

/** Hides the password of a connection URL so that it can be logged. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function normaliseRootPath(raw: string | undefined, errors: ConfigErrors): string {
  const value = (raw ?? '').trim().replace(/\/+$/, '');
  if (value && !value.startsWith('/')) errors.add(`ROOT_PATH must start with /, got "${raw}"`);
  return value;
}

function readAppVersion(): string {
  // package.json is two folders above src/core, three above dist/src/core.
  for (const relative of ['../..', '../../..']) {
    const file = path.resolve(__dirname, relative, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'npp' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

function readAdmin(
  env: Env,
  nodeEnv: string,
): Pick<AppConfig, 'adminEmail' | 'adminPassword' | 'adminFromDefaults'> {
  if (nodeEnv !== 'production' && !env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) {
    return {
      adminEmail: DEVELOPMENT_ADMIN.email,
      adminPassword: DEVELOPMENT_ADMIN.password,
      adminFromDefaults: true,
    };
  }
  return {
    adminEmail: (env.ADMIN_EMAIL ?? '').trim().toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD ?? '',
    adminFromDefaults: false,
  };
}

/**
 * Reads and validates the configuration from an environment map. Every problem is
 * collected so that one failed start lists all of them.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const errors = new ConfigErrors();
  const nodeEnv = env.NODE_ENV ?? 'development';
  const secretKey = env.SECRET_KEY || DEFAULT_SECRET_KEY;

  if (nodeEnv === 'production') {
    if (secretKey === DEFAULT_SECRET_KEY) errors.add('SECRET_KEY must be set in production');
    else if (/change-me/i.test(secretKey)) {
      errors.add('SECRET_KEY still holds the .env.example placeholder: set a random secret');
    } else if (secretKey.length < MIN_PRODUCTION_SECRET_LENGTH) {
      errors.add(`SECRET_KEY must have at least ${MIN_PRODUCTION_SECRET_LENGTH} characters`);
    }
  }

  const mailEnabled = readBoolean(env, 'MAIL_ENABLED', false, errors);
  const mail: MailConfig = {
    enabled: mailEnabled,
    tenantId: env.MAIL_TENANT_ID ?? '',
    clientId: env.MAIL_CLIENT_ID ?? '',
    clientSecret: env.MAIL_CLIENT_SECRET ?? '',
    sender: env.MAIL_SENDER ?? '',
  };
  if (mailEnabled) {
    for (const name of ['MAIL_TENANT_ID', 'MAIL_CLIENT_ID', 'MAIL_CLIENT_SECRET', 'MAIL_SENDER']) {
      if (!env[name]) errors.add(`${name} must be set when MAIL_ENABLED=true`);
    }
  }

  const config: AppConfig = {
    nodeEnv,
    // PORT=0 lets the system pick a free port, as the tests do.
    port: readInteger(env, 'PORT', 8000, errors, 0),
    // Outside production the API listens on loopback only, since it starts with a known
    // development admin and secret.
    host: env.HOST || (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    database: parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/npp.sqlite', errors),
    secretKey,
    jwtIssuer: env.JWT_ISSUER || 'npp',
    jwtAudience: env.JWT_AUDIENCE || 'npp-api',
    ...readAdmin(env, nodeEnv),
    rootPath: normaliseRootPath(env.ROOT_PATH, errors),
    redisUrl: env.REDIS_URL ?? '',
    redisKeyPrefix: readRedisKeyPrefix(env, errors),
    corsOrigins: (env.CORS_ORIGINS ?? '*')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: readBoolean(env, 'TRUST_PROXY', false, errors),
    maxUploadBytes: readInteger(env, 'MAX_UPLOAD_MB', 20, errors) * 1024 * 1024,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    importFile: env.IMPORT_FILE ? path.resolve(env.IMPORT_FILE) : '',
    mail,
    appVersion: readAppVersion(),
  };

  if (Boolean(config.adminEmail) !== Boolean(config.adminPassword)) {
    errors.add('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (nodeEnv === 'production' && /change-me/i.test(config.adminPassword)) {
    errors.add('ADMIN_PASSWORD still holds the .env.example placeholder: choose a password');
  }
  if (config.adminPassword && config.adminPassword.length < 8) {
    errors.add('ADMIN_PASSWORD must have at least 8 characters');
  }

  if (errors.problems.length > 0) {
    throw new Error(`Invalid configuration:\n- ${errors.problems.join('\n- ')}`);
  }
  return Object.freeze(config);
}
