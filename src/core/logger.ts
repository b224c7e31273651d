import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths whose values never reach the logs. */
const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'apiKey',
  '*.apiKey',
  'key',
  '*.key',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'variables.password',
  'variables.input.password',
];

/**
 * Creates the root logger: JSON lines on stdout, secrets redacted. Lines are written
 * asynchronously unless `sync` is set, so that one line per request does not block on the
 * pipe. Call `logger.flush()` before exiting.
 */
export function createLogger(level: string, options: { sync?: boolean } = {}): Logger {
  return pino(
    {
      level,
      base: { service: 'npp' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 1, sync: options.sync ?? false }),
  );
}
