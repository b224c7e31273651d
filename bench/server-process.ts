import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { DIST_DIR, REPO_ROOT } from './environment';

/** Covers the import at start (a few seconds) with a wide margin for slow machines. */
const READY_TIMEOUT_MS = 3 * 60 * 1000;
const READY_POLL_MS = 250;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerOptions {
  workbook: string;
  tempDir: string;
  /** pino level of the server; `info` writes one line per request, as in production. */
  logLevel: string;
  /** When set, the server runs with `--cpu-prof` and writes its profile there on exit. */
  cpuProfileDir?: string;
}

export interface BenchServer {
  /** Base URL such as `http://127.0.0.1:41234`. */
  baseUrl: string;
  pid: number;
  logFile: string;
  adminEmail: string;
  adminPassword: string;
  /** Nomenclature version the server reports once the import at start is done. */
  nomenclatureVersion: string;
  /** When the server process was spawned, in `Date.now()` milliseconds. */
  spawnedAt: number;
  /** Sends SIGTERM, waits for the exit (SIGKILL after 15 s) and resolves. */
  stop(): Promise<void>;
}

/** Asks the system for a free port on 127.0.0.1, then releases it for the server. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

function tail(file: string, lines = 20): string {
  if (!fs.existsSync(file)) return '(no log)';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `GET /health` until it reports a nomenclature version; fails if the child exits. */
async function waitUntilReady(
  baseUrl: string,
  child: ChildProcess,
  logFile: string,
): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready. Log tail:\n${tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      const report = (await response.json()) as { nomenclature?: { version?: string } | null };
      if (report.nomenclature?.version) return report.nomenclature.version;
    } catch {
      // Not listening yet.
    }
    await sleep(READY_POLL_MS);
  }
  throw new Error(
    `The server at ${baseUrl} reported no nomenclature version within ${READY_TIMEOUT_MS / 1000} s. Log tail:\n${tail(logFile)}`,
  );
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node dist/src/main.js --import WORKBOOK` on a free 127.0.0.1 port with a fresh
 * SQLite file, in production mode with a random secret, and waits until the import at
 * start has published the version.
 */
export async function startBenchServer(options: ServerOptions): Promise<BenchServer> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(options.tempDir, 'server.log');
  const adminEmail = 'bench-admin@example.org';
  const adminPassword = randomBytes(18).toString('base64url');
  const nodeArguments = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];

  const log = fs.openSync(logFile, 'a');
  const spawnedAt = Date.now();
  const child = spawn(
    process.execPath,
    [...nodeArguments, path.join(DIST_DIR, 'src', 'main.js'), '--import', options.workbook],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SECRET_KEY: randomBytes(32).toString('hex'),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${path.join(options.tempDir, 'server.sqlite')}`,
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD: adminPassword,
        LOG_LEVEL: options.logLevel,
        MAIL_ENABLED: 'false',
        REDIS_URL: '',
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    const nomenclatureVersion = await waitUntilReady(baseUrl, child, logFile);
    return {
      baseUrl,
      pid: child.pid ?? -1,
      logFile,
      adminEmail,
      adminPassword,
      nomenclatureVersion,
      spawnedAt,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
