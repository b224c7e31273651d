import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { anonymous, BearerLogin, CredentialProvider, ProAccount } from './credentials';
import { makeTempDir, REPO_ROOT, RESULTS_DIR, workbookPath } from './environment';
import { postGraphQL } from './http-client';
import { ImportBenchResult, runImportBench } from './import-bench';
import { BenchOptions, readOptions } from './options';
import { describeMachine, MachineInfo } from './machine';
import { loadAverage } from './procfs';
import {
  BenchReport,
  consoleImportSummary,
  consoleTable,
  IMPORT_TARGET_MS,
  markdownReport,
} from './report';
import { runScenario, ScenarioOutcome } from './scenario-runner';
import type { Scenario } from './scenario';
import { defaultScenarios, ScenarioFixtures } from './scenarios';
import { loadCommittedSchema } from './selection';
import { BenchServer, startBenchServer } from './server-process';

/** A 1-minute load average above this before the bench means the machine is not idle. */
const BUSY_LOAD_AVERAGE = 0.5;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function currentCommit(): string {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function printMachine(machine: MachineInfo, load: number | null): void {
  say(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
  );
  say(`software: Node ${machine.node}, ${machine.sqlite}, ${machine.wrk}`);
  if (load !== null) {
    say(`load average (1 min) before the bench: ${load.toFixed(2)}`);
    if (load > BUSY_LOAD_AVERAGE)
      say('  other processes are busy: throughput figures will be low and noisy');
  }
}

async function measureImport(
  workbook: string,
  tempDir: string,
  runs: number,
): Promise<ImportBenchResult | null> {
  if (runs === 0) return null;
  say(`\nimport benchmark: ${runs} runs of ${workbook}`);
  const result = await runImportBench(workbook, tempDir, runs, (index, run) => {
    const seconds = (run.durationMs / 1000).toFixed(2);
    const megabytes = ((run.maxRssKiB * 1024) / 1e6).toFixed(0);
    const before = ((run.rssBeforeKiB * 1024) / 1e6).toFixed(0);
    say(
      `  run ${index + 1}: ${seconds} s, peak RSS ${megabytes} MB (${before} MB before the import), ${run.rows} rows`,
    );
  });
  say(consoleImportSummary(result));
  if (result.medianMs > IMPORT_TARGET_MS) say('  (median import time is over target)');
  return result;
}

/** Formats the progress line printed as soon as a scenario is measured. */
function outcomeLine(outcome: ScenarioOutcome): string {
  if (outcome.status === 'aborted') return `ABORTED: ${outcome.reason}`;
  if (outcome.status === 'timed') {
    const { timed } = outcome;
    const megabytes = (value: number | null) =>
      value === null ? 'unknown' : `${value.toFixed(0)} MB`;
    return (
      `${timed.durationsMs.length} requests, median ${timed.medianMs.toFixed(0)} ms, ` +
      `max ${timed.maxMs.toFixed(0)} ms, ${timed.bytes} bytes, ` +
      `server RSS ${megabytes(timed.rssBeforeMB)} before, peak ${megabytes(timed.peakRssMB)}`
    );
  }
  const { wrk, cpu } = outcome;
  const parts = [
    `${wrk.requestsPerSecond.toFixed(0)} req/s`,
    `p50 ${wrk.p50Ms} ms`,
    `p99 ${wrk.p99Ms} ms`,
    `${wrk.totalRequests} requests`,
    `${wrk.failures} failed responses`,
  ];
  if (outcome.attempts > 1) parts.push(`${outcome.attempts} runs, least disturbed kept`);
  if (cpu) {
    parts.push(
      `server CPU ${cpu.serverMsPerRequest.toFixed(2)} ms/request`,
      `cores server ${cpu.serverCores.toFixed(2)}, wrk ${cpu.wrkCores?.toFixed(2) ?? '?'}, other ${cpu.otherCores.toFixed(2)}`,
    );
  }
  return parts.join(', ');
}

/** Reads the id of the first medicament and the admin's row count of the latest version. */
async function readFixtures(
  graphqlUrl: string,
  admin: CredentialProvider,
): Promise<ScenarioFixtures> {
  const data = await postGraphQL(
    graphqlUrl,
    { query: 'query BenchFixtures { medicaments(pageSize: 1) { total items { id } } }' },
    await admin.headers(),
  );
  const { total, items } = data.medicaments as { total: number; items: { id: string }[] };
  if (!items.length) throw new Error('The imported version has no medicament to read by id.');
  return { medicamentId: items[0].id, medicamentCount: total };
}

/** Keeps the scenarios named by `--only`, all of them without it; rejects unknown names. */
function selectScenarios(all: Scenario[], only: string[] | null): Scenario[] {
  if (!only) return all;
  const unknown = only.filter((name) => !all.some((scenario) => scenario.name === name));
  if (unknown.length) {
    const known = all.map((scenario) => scenario.name).join(', ');
    throw new Error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${known}`);
  }
  return all.filter((scenario) => only.includes(scenario.name));
}

/** Starts the server, then measures every selected scenario against it. */
async function measureRequests(
  options: BenchOptions,
  workbook: string,
  tempDir: string,
): Promise<ScenarioOutcome[]> {
  say(`\nstarting the server (import at start of ${path.basename(workbook)})...`);
  const server: BenchServer = await startBenchServer({
    workbook,
    tempDir,
    logLevel: options.logLevel,
    cpuProfileDir: options.cpuProfileDir ?? undefined,
  });
  let loadStartSeconds = 0;
  try {
    say(
      `server ${server.baseUrl} (pid ${server.pid}) serves version ${server.nomenclatureVersion}`,
    );
    const graphqlUrl = `${server.baseUrl}/graphql`;
    const admin = new BearerLogin(
      graphqlUrl,
      server.adminEmail,
      server.adminPassword,
      'JWT of the admin',
    );
    // Scenarios refer to these providers by name. The PRO user is created on first use.
    const pro = new ProAccount(graphqlUrl, admin);
    const credentials: Record<string, CredentialProvider> = {
      admin,
      anonymous,
      'pro-jwt': pro.jwt,
      'pro-api-key': pro.apiKey,
    };

    const fixtures = await readFixtures(graphqlUrl, admin);
    const selected = selectScenarios(
      defaultScenarios(loadCommittedSchema(), fixtures),
      options.only,
    );

    // Profile samples taken before this point are start-up and the import at start.
    loadStartSeconds = Math.floor((Date.now() - server.spawnedAt) / 1000);
    const outcomes: ScenarioOutcome[] = [];
    for (const scenario of selected) {
      say(`\n> ${scenario.name}`);
      const outcome = await runScenario(
        scenario,
        server.baseUrl,
        server.pid,
        credentials,
        options.load,
        tempDir,
      );
      say(`  ${outcomeLine(outcome)}`);
      outcomes.push(outcome);
    }
    return outcomes;
  } finally {
    await server.stop();
    if (options.cpuProfileDir) {
      say(`\nCPU profile of the server written to ${options.cpuProfileDir}. Summary of the load:`);
      say(
        `  node dist/bench/profile-summary.js ${options.cpuProfileDir}/*.cpuprofile --from ${loadStartSeconds}`,
      );
    }
  }
}

function writeMarkdown(report: BenchReport): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.md');
  fs.writeFileSync(file, markdownReport(report));
  return file;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine();
  const loadAverageAtStart = loadAverage();
  printMachine(machine, loadAverageAtStart);

  // Checks --only before spending time on imports; the fixtures are placeholders until the
  // server runs.
  selectScenarios(
    defaultScenarios(loadCommittedSchema(), { medicamentId: '1', medicamentCount: 0 }),
    options.only,
  );
  const workbook = workbookPath();
  const tempDir = makeTempDir();
  let succeeded = false;
  try {
    const importBench = await measureImport(workbook, tempDir, options.importRuns);
    const outcomes = await measureRequests(options, workbook, tempDir);

    say(`\n${consoleTable(outcomes)}`);
    if (importBench) say(`\n${consoleImportSummary(importBench)}`);
    const file = writeMarkdown({
      startedAt,
      loadAverageAtStart,
      commit: currentCommit(),
      machine,
      workbook,
      serverLogLevel: options.logLevel,
      load: options.load,
      importBench,
      outcomes,
    });
    say(`\nMarkdown results written to ${path.relative(process.cwd(), file)}`);

    const problems = outcomes.filter(
      (outcome) =>
        outcome.status === 'aborted' ||
        (outcome.status === 'measured' &&
          outcome.wrk.failures + outcome.wrk.non2xx + outcome.wrk.socketErrors > 0),
    );
    if (problems.length) {
      process.exitCode = 1;
      say(`${problems.length} scenario(s) were not measured cleanly; see "Problems" above.`);
    }
    // The server log and the Lua scripts are kept when something went wrong.
    succeeded = problems.length === 0;
  } finally {
    if (options.keepTemp || !succeeded) say(`temporary files kept in ${tempDir}`);
    else fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
