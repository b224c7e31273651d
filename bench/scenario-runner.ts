import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { CredentialProvider } from './credentials';
import { verifyResponse } from './http-client';
import { machineCpu, processCpuMs } from './procfs';
import {
  DATE_PLACEHOLDER,
  fillPlaceholders,
  requestBody,
  requestHeaders,
  reserveDateIndexes,
  Scenario,
} from './scenario';
import { runTimed, TimedResult } from './timed-runner';
import { DATES_PER_WRK_THREAD, generateWrkScript } from './wrk-script';
import { runWrk, WrkResult } from './wrk';

export interface LoadOptions {
  threads: number;
  connections: number;
  durationSeconds: number;
  /** Unmeasured wrk run before each measured one; 0 skips it. */
  warmupSeconds: number;
  /** Measured runs added when other processes were busy during the previous one. */
  busyRetries: number;
}

/** Other processes using more than this many cores make a throughput figure suspect. */
export const BUSY_MACHINE_CORES = 0.25;

/**
 * CPU use during the measured run, read from /proc. `serverMsPerRequest` depends less on
 * other processes than throughput does, so it is the better figure to compare between runs
 * on a shared machine. Core counts are averages over the run's wall time.
 */
export interface CpuFigures {
  serverMsPerRequest: number;
  serverCores: number;
  /** Null when wrk's CPU time could not be read. */
  wrkCores: number | null;
  /** Everything else that ran on the machine, wrk excluded when known. */
  otherCores: number;
}

/** A measured scenario (by wrk, or timed one request at a time), or why it was not measured. */
export type ScenarioOutcome =
  | {
      scenario: Scenario;
      status: 'measured';
      wrk: WrkResult;
      cpu: CpuFigures | null;
      /** Measured runs made; the one kept had the least CPU used by other processes. */
      attempts: number;
    }
  | { scenario: Scenario; status: 'timed'; timed: TimedResult }
  | { scenario: Scenario; status: 'aborted'; reason: string };

/** Requests of a `timed` scenario that does not set `repeat`. */
const DEFAULT_TIMED_REPEAT = 3;

/** Counters read before a measured run, to compute `CpuFigures` after it. */
interface CpuSnapshot {
  serverMs: number;
  busyMs: number;
  at: number;
}

function takeSnapshot(serverPid: number): CpuSnapshot | null {
  const serverMs = processCpuMs(serverPid);
  const machine = machineCpu();
  if (serverMs === null || machine === null) return null;
  return { serverMs, busyMs: machine.busyMs, at: performance.now() };
}

function cpuFigures(
  before: CpuSnapshot | null,
  serverPid: number,
  wrk: WrkResult,
): CpuFigures | null {
  const after = takeSnapshot(serverPid);
  if (!before || !after || wrk.totalRequests === 0) return null;
  const wallMs = after.at - before.at;
  const serverMs = after.serverMs - before.serverMs;
  const othersMs = after.busyMs - before.busyMs - serverMs - (wrk.wrkCpuMs ?? 0);
  return {
    serverMsPerRequest: serverMs / wrk.totalRequests,
    serverCores: serverMs / wallMs,
    wrkCores: wrk.wrkCpuMs === null ? null : wrk.wrkCpuMs / wallMs,
    otherCores: Math.max(0, othersMs / wallMs),
  };
}

/** Formats an error with its cause, which is where fetch puts the network error. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : error.cause;
  return cause ? `${error.message} (${String(cause)})` : error.message;
}

/** Sends the scenario's request once and throws unless it succeeds as the scenario expects. */
async function checkOnce(
  scenario: Scenario,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<void> {
  const nonce = `sanity-${randomUUID()}`;
  const response = await fetch(fillPlaceholders(url, nonce), {
    method: scenario.method,
    headers,
    body: fillPlaceholders(body, nonce),
  });
  verifyResponse(
    scenario.check,
    response.status,
    Buffer.from(await response.arrayBuffer()),
    scenario.expectedCsvRows,
  );
}

async function runWithWrk(
  scenario: Scenario,
  request: { url: string; headers: Record<string, string>; body: string | undefined },
  serverPid: number,
  load: LoadOptions,
  tempDir: string,
): Promise<ScenarioOutcome> {
  const scriptFile = path.join(tempDir, `${scenario.name}.lua`);
  const usesDates =
    scenario.path.includes(DATE_PLACEHOLDER) || (request.body?.includes(DATE_PLACEHOLDER) ?? false);
  const script = generateWrkScript({
    scenarioName: scenario.name,
    method: scenario.method,
    path: scenario.path,
    headers: request.headers,
    body: request.body,
    uniquePerRequest: (scenario.cacheBusting ?? false) || usesDates,
    checkGraphQLErrors: scenario.check === 'graphql',
  });
  fs.writeFileSync(scriptFile, script);

  const wrkOptions = {
    url: request.url,
    scriptFile,
    threads: load.threads,
    connections: load.connections,
  };
  // Each run gets its own dates, so that a measured run never repeats those of its warm-up.
  const dateBlock = () =>
    usesDates ? reserveDateIndexes(DATES_PER_WRK_THREAD * load.threads) : undefined;
  if (load.warmupSeconds > 0) {
    await runWrk({
      ...wrkOptions,
      durationSeconds: load.warmupSeconds,
      firstDateIndex: dateBlock(),
    });
  }

  const measureOnce = async () => {
    const before = takeSnapshot(serverPid);
    const wrk = await runWrk({
      ...wrkOptions,
      durationSeconds: load.durationSeconds,
      firstDateIndex: dateBlock(),
    });
    return { wrk, cpu: cpuFigures(before, serverPid, wrk) };
  };

  // On a shared machine, other processes can take CPU from the server mid-run. Such a run is
  // repeated, and the run kept is the least disturbed one, not the fastest.
  let leastDisturbed = await measureOnce();
  let attempts = 1;
  while (
    attempts <= load.busyRetries &&
    leastDisturbed.cpu &&
    leastDisturbed.cpu.otherCores > BUSY_MACHINE_CORES
  ) {
    attempts += 1;
    const run = await measureOnce();
    if (run.cpu && run.cpu.otherCores < leastDisturbed.cpu.otherCores) leastDisturbed = run;
  }
  return { scenario, status: 'measured', ...leastDisturbed, attempts };
}

/**
 * Measures one scenario. Its request is first sent once with fetch and checked, so that
 * error responses are never measured. A throughput scenario then gets its wrk script, a
 * warm-up and the measured wrk run; a timed scenario sends its requests one by one.
 */
export async function runScenario(
  scenario: Scenario,
  baseUrl: string,
  serverPid: number,
  credentials: Record<string, CredentialProvider>,
  load: LoadOptions,
  tempDir: string,
): Promise<ScenarioOutcome> {
  const provider = credentials[scenario.credentials];
  if (!provider) {
    const known = Object.keys(credentials).join(', ');
    return {
      scenario,
      status: 'aborted',
      reason: `unknown credentials "${scenario.credentials}" (registered: ${known})`,
    };
  }

  let credentialHeaders: Record<string, string>;
  try {
    credentialHeaders = await provider.headers();
  } catch (error) {
    const reason = `credentials "${scenario.credentials}" (${provider.description}) failed: ${describeError(error)}`;
    return { scenario, status: 'aborted', reason };
  }

  const url = `${baseUrl}${scenario.path}`;
  const headers = requestHeaders(scenario, credentialHeaders);
  const body = requestBody(scenario);
  try {
    await checkOnce(scenario, url, headers, body).catch((error: unknown) => {
      // fetch reports network errors as TypeError. They are retried once, because a pooled
      // keep-alive connection can be closed by the server just as it is reused.
      if (!(error instanceof TypeError)) throw error;
      return checkOnce(scenario, url, headers, body);
    });
  } catch (error) {
    return {
      scenario,
      status: 'aborted',
      reason: `sanity request failed: ${describeError(error)}`,
    };
  }

  if (scenario.kind !== 'timed') {
    return runWithWrk(scenario, { url, headers, body }, serverPid, load, tempDir);
  }
  try {
    const timed = await runTimed(
      {
        url,
        method: scenario.method,
        headers,
        body,
        repeat: scenario.repeat ?? DEFAULT_TIMED_REPEAT,
        serverPid,
      },
      (response, responseBody) =>
        verifyResponse(scenario.check, response.status, responseBody, scenario.expectedCsvRows),
    );
    return { scenario, status: 'timed', timed };
  } catch (error) {
    return { scenario, status: 'aborted', reason: `timed request failed: ${describeError(error)}` };
  }
}
