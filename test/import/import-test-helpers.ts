import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../src/core/errors';

/** Creates a temporary directory and returns it with a function that removes it. */
export function makeTempDir(): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'npp-import-'));
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Awaits a promise expected to reject with IMPORT_REJECTED and the given reason, and returns the
 * error so that the test can check its message.
 */
export async function expectImportRejected(
  promise: Promise<unknown>,
  reason: string,
): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected an IMPORT_REJECTED error with reason ${reason}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(ErrorCode.IMPORT_REJECTED);
  expect(appError.extensions.reason).toBe(reason);
  return appError;
}
