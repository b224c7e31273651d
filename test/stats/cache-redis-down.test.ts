import { createServer } from 'node:net';

import { DataGeneration } from '../../src/core/generation';
import { GenerationSync } from '../../src/core/generation-sync';
import { createLogger } from '../../src/core/logger';
import { ResultCache } from '../../src/stats/result-cache';

/** Finds a local port that nothing listens on: the system binds it once, then it is released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('cache with Redis unreachable', () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  let redisUrl: string;

  beforeAll(async () => {
    redisUrl = `redis://127.0.0.1:${await closedPort()}`;
  });

  it('computes every value without the store', async () => {
    const generation = new DataGeneration();
    const cache = new ResultCache(redisUrl, generation, logger);
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return { total: 9295 };
    };

    const first = await cache.getOrCompute(['totals'], compute);
    generation.bump('edit');
    const second = await cache.getOrCompute(['totals'], compute);
    await cache.close();

    expect(first).toEqual({ total: 9295 });
    expect(second).toEqual({ total: 9295 });
    expect(computed).toBe(2);
  });

  it('starts and stops sync without Redis', async () => {
    const generation = new DataGeneration();
    const sync = new GenerationSync(redisUrl, generation, logger);

    await sync.start();
    generation.bump('edit');
    await sync.stop();

    expect(generation.value).toBe(1);
  });
});
