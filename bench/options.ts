import path from 'node:path';
import { parseArgs } from 'node:util';

import type { LoadOptions } from './scenario-runner';

const USAGE = `Usage: npm run bench -- [options]
  --only NAME,...       run only these scenarios (names as printed in the table)
  --duration SECONDS    measured wrk run per scenario (default 10)
  --warmup SECONDS      unmeasured wrk run before each scenario (default 2, 0 skips)
  --busy-retries N      extra measured runs when other processes took CPU (default 2)
  --threads N           wrk threads (default 2)
  --connections N       wrk connections (default 16)
  --import-runs N       import measurements (default 3, 0 skips the import benchmark)
  --log-level LEVEL     server LOG_LEVEL (default info: one log line per request, as in production)
  --cpu-prof DIR        run the server with node --cpu-prof and write its profile to DIR
  --keep-temp           keep the temporary folder (databases, Lua scripts, server log)
Environment: NPP_WORKBOOK (workbook to import), NPP_WRK (wrk binary).`;

export interface BenchOptions {
  only: string[] | null;
  load: LoadOptions;
  importRuns: number;
  logLevel: string;
  cpuProfileDir: string | null;
  keepTemp: boolean;
}

function readCount(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer of at least ${min}, got "${raw}"\n${USAGE}`);
  }
  return value;
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        only: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        'busy-retries': { type: 'string' },
        threads: { type: 'string' },
        connections: { type: 'string' },
        'import-runs': { type: 'string' },
        'log-level': { type: 'string' },
        'cpu-prof': { type: 'string' },
        'keep-temp': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** Reads the command line; prints the usage and exits on `--help`. */
export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const threads = readCount('threads', values.threads, 2, 1);
  return {
    only: values.only
      ? values.only
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : null,
    load: {
      threads,
      connections: readCount('connections', values.connections, 16, threads),
      durationSeconds: readCount('duration', values.duration, 10, 1),
      warmupSeconds: readCount('warmup', values.warmup, 2, 0),
      busyRetries: readCount('busy-retries', values['busy-retries'], 2, 0),
    },
    importRuns: readCount('import-runs', values['import-runs'], 3, 0),
    logLevel: values['log-level'] ?? 'info',
    cpuProfileDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
    keepTemp: values['keep-temp'] ?? false,
  };
}
