import { DEFAULT_SECRET_KEY, loadConfig } from '../../src/core/config';

const GOOD_SECRET = 'a-production-secret-of-forty-characters!';

/** Returns the error message that `loadConfig` throws for `env`, or null when it accepts it. */
function configError(env: Record<string, string>): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('loadConfig', () => {
  describe('in production', () => {
    it('rejects a missing secret', () => {
      const message = configError({ NODE_ENV: 'production' });

      expect(message).toContain('SECRET_KEY');
    });

    it('rejects the development default secret', () => {
      const message = configError({ NODE_ENV: 'production', SECRET_KEY: DEFAULT_SECRET_KEY });

      expect(message).toContain('SECRET_KEY');
    });

    it('rejects a secret of 31 characters', () => {
      const message = configError({ NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(31) });

      expect(message).toContain('SECRET_KEY');
      expect(message).toContain('32');
    });

    it('accepts a secret of 32 characters', () => {
      const config = loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(32) });

      expect(config.secretKey).toHaveLength(32);
    });

    it('lists every bad variable in one error', () => {
      const message = configError({
        NODE_ENV: 'production',
        SECRET_KEY: 'too-short',
        PORT: 'eighty',
        MAX_UPLOAD_MB: '0',
        ROOT_PATH: 'api/v1',
        DATABASE_URL: 'mysql://db/npp',
        TRUST_PROXY: 'maybe',
      });

      for (const name of [
        'SECRET_KEY',
        'PORT',
        'MAX_UPLOAD_MB',
        'ROOT_PATH',
        'DATABASE_URL',
        'TRUST_PROXY',
      ]) {
        expect(message).toContain(name);
      }
    });
  });

  describe('outside production', () => {
    it('accepts the development default secret', () => {
      const config = loadConfig({ NODE_ENV: 'development' });

      expect(config.secretKey).toBe(DEFAULT_SECRET_KEY);
    });
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig({ NODE_ENV: 'production', SECRET_KEY: GOOD_SECRET });

    expect(Object.isFrozen(config)).toBe(true);
  });
});
