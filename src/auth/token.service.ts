import { createSecretKey, KeyObject } from 'node:crypto';

import jwt, { JwtPayload } from 'jsonwebtoken';

import { AppConfig } from '../core/config';
import { clock } from '../core/clock';
import { AppError } from '../core/errors';

/** Access tokens live 30 minutes; role and status are still read from the database. */
export const ACCESS_TOKEN_TTL_SECONDS = 30 * 60;

export interface AccessTokenClaims {
  userId: number;
  /** The user's `tokenVersion` when the token was issued. */
  tokenVersion: number;
  /** The token's `exp`, in milliseconds. */
  expiresAtMs: number;
}

/** Signs and verifies HS256 access tokens with issuer and audience. */
export class TokenService {
  /**
   * The secret as a KeyObject: given a string, jsonwebtoken 9 first tries to parse it as a
   * public key on every call, which cost about a sixth of the CPU of an authenticated request.
   */
  private readonly key: KeyObject;

  constructor(private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.secretKey, 'utf8'));
  }

  sign(userId: number, tokenVersion: number): string {
    const now = Math.floor(clock.nowMs() / 1000);
    const claims = { iat: now, exp: now + ACCESS_TOKEN_TTL_SECONDS, ver: tokenVersion };
    return jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      subject: String(userId),
      issuer: this.config.jwtIssuer,
      audience: this.config.jwtAudience,
    });
  }

  /**
   * Verifies a token. Only HS256 is accepted (so `alg: none` and other algorithms fail),
   * and `exp` is required.
   */
  verify(token: string): AccessTokenClaims {
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        clockTimestamp: Math.floor(clock.nowMs() / 1000),
      }) as JwtPayload;
    } catch {
      throw AppError.unauthenticated('Jeton invalide ou expiré. Reconnectez-vous.');
    }

    const userId = Number(payload.sub);
    const tokenVersion = payload.ver;
    if (
      typeof payload.exp !== 'number' ||
      !Number.isInteger(userId) ||
      !Number.isInteger(tokenVersion)
    ) {
      throw AppError.unauthenticated('Jeton invalide ou expiré. Reconnectez-vous.');
    }
    return { userId, tokenVersion, expiresAtMs: payload.exp * 1000 };
  }
}
