import { spawnSync } from 'node:child_process';

import type { DataGeneration } from '../../src/core/generation';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Checks whether a Redis server replies to PING at `url`, before the tests are declared. */
export function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const script = `
    const socket = require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)});
    socket.setTimeout(2000, () => process.exit(1));
    socket.on('error', () => process.exit(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));`;
  return spawnSync(process.execPath, ['-e', script], { timeout: 5000 }).status === 0;
}

/** Returns `describe` when Redis replies at `url`, else `describe.skip` and a warning naming `skippedTests`. */
export function describeIfRedisAnswers(url: string, skippedTests: string): jest.Describe {
  if (redisAnswers(url)) return describe;
  console.warn(`Redis did not reply to PING at ${url}: ${skippedTests} are skipped.`);
  return describe.skip;
}

/** Resolves on the next change of `generation` that came from another process. */
export function nextRemoteChange(generation: DataGeneration): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (change: { fromRemote: boolean }) => {
      if (!change.fromRemote) return;
      generation.off('change', listener);
      resolve(change);
    };
    generation.on('change', listener);
  });
}
