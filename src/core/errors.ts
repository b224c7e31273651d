import { GraphQLError } from 'graphql';

/** The closed list of `extensions.code` values that clients can rely on. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  IMPORT_REJECTED = 'IMPORT_REJECTED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Reason of a `FORBIDDEN` error, in `extensions.reason`. */
export enum ForbiddenReason {
  ROLE = 'ROLE',
  PACK_FEATURE = 'PACK_FEATURE',
  PACK_LIMIT = 'PACK_LIMIT',
  ACCOUNT_NOT_ACTIVE = 'ACCOUNT_NOT_ACTIVE',
}

interface CodeDefinition {
  status: number;
  message: string;
}

const CODES: Record<ErrorCode, CodeDefinition> = {
  UNAUTHENTICATED: { status: 401, message: 'Authentification requise.' },
  FORBIDDEN: { status: 403, message: 'Accès refusé.' },
  BAD_USER_INPUT: { status: 400, message: 'Requête invalide.' },
  NOT_FOUND: { status: 404, message: 'Ressource introuvable.' },
  CONFLICT: { status: 409, message: 'Cette ressource existe déjà.' },
  QUOTA_EXCEEDED: { status: 429, message: 'Quota de requêtes atteint.' },
  RATE_LIMITED: { status: 429, message: 'Trop de tentatives, réessayez plus tard.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Fichier trop volumineux.' },
  IMPORT_REJECTED: { status: 422, message: 'Import refusé.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Erreur interne du serveur.' },
};

/** HTTP status of an error code, used by REST responses and GraphQL-over-HTTP. */
export function httpStatusOf(code: ErrorCode): number {
  return CODES[code].status;
}

/** Default French message of an error code. */
export function defaultMessageOf(code: ErrorCode): string {
  return CODES[code].message;
}

export type ErrorExtensions = Record<string, unknown>;

/**
 * An error that is safe to show to clients: its message is French, its code is one of
 * `ErrorCode`, and its extra extensions are public. Build it through the factories below.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message?: string, extensions: ErrorExtensions = {}) {
    super(message ?? defaultMessageOf(code), { extensions: { ...extensions, code } });
    this.name = 'AppError';
    this.code = code;
  }

  get status(): number {
    return httpStatusOf(this.code);
  }

  /** Extensions without the code, as REST bodies carry them next to `code`. */
  get details(): ErrorExtensions {
    const { code: _code, ...rest } = this.extensions;
    return rest;
  }

  static unauthenticated(
    message = 'Authentification requise : jeton ou clé API manquant ou invalide.',
  ): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(
    reason: ForbiddenReason,
    message: string,
    extensions: ErrorExtensions = {},
  ): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message, { ...extensions, reason });
  }

  static badInput(message: string, extensions: ErrorExtensions = {}): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, extensions);
  }

  static notFound(message: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, message);
  }

  static conflict(message: string): AppError {
    return new AppError(ErrorCode.CONFLICT, message);
  }

  static quotaExceeded(resetAt: Date, period: 'day' | 'month'): AppError {
    const when = period === 'day' ? 'journalier' : 'mensuel';
    return new AppError(
      ErrorCode.QUOTA_EXCEEDED,
      `Quota ${when} de requêtes atteint. Il sera réinitialisé le ${resetAt.toISOString()}.`,
      { resetAt: resetAt.toISOString(), period },
    );
  }

  static rateLimited(retryAfterSeconds: number): AppError {
    return new AppError(
      ErrorCode.RATE_LIMITED,
      `Trop de tentatives. Réessayez dans ${retryAfterSeconds} secondes.`,
      { retryAfter: retryAfterSeconds },
    );
  }

  static payloadTooLarge(maxBytes: number): AppError {
    const megabytes = Math.round(maxBytes / (1024 * 1024));
    return new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `Fichier trop volumineux : la taille maximale est de ${megabytes} Mo.`,
      { maxBytes },
    );
  }

  static importRejected(message: string, extensions: ErrorExtensions = {}): AppError {
    return new AppError(ErrorCode.IMPORT_REJECTED, message, extensions);
  }

  static internal(): AppError {
    return new AppError(ErrorCode.INTERNAL_SERVER_ERROR);
  }
}

/** Checks whether a value is one of our public error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in CODES;
}
