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

/** Creates the root logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'npp' },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
