import { spawn } from 'node:child_process';

import { processCpuMs } from './procfs';

/** wrk binary; Debian and Ubuntu install it at /usr/bin/wrk (`apt-get install wrk`). */
const WRK_BINARY = process.env.NPP_WRK ?? 'wrk';

/** Time a wrk run may take beyond its `-d` duration before it is killed. */
const WRK_GRACE_MS = 30_000;

/** How often wrk's own CPU time is read while it runs. */
const CPU_POLL_MS = 200;

export interface WrkOptions {
  url: string;
  scriptFile: string;
  threads: number;
  connections: number;
  durationSeconds: number;
  /** First date index reserved for this run, passed to the script (see `generateWrkScript`). */
  firstDateIndex?: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  totalRequests: number;
  /** Responses wrk counted outside 2xx and 3xx. */
  non2xx: number;
  /** connect + read + write + timeout errors. */
  socketErrors: number;
  /** Responses seen and failures counted by the generated script (status or GraphQL errors). */
  checkedResponses: number;
  failures: number;
  firstFailure: string | null;
  /**
   * CPU time wrk used, in ms, as last read from /proc while it ran: it misses at most the
   * final 200 ms. Null off Linux.
   */
  wrkCpuMs: number | null;
  output: string;
}

const UNIT_TO_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseDuration(value: string, unit: string): number {
  const factor = UNIT_TO_MS[unit];
  if (factor === undefined) throw new Error(`unknown wrk time unit "${unit}"`);
  return Number(value) * factor;
}

function matchOrThrow(output: string, pattern: RegExp, lineName: string): RegExpMatchArray {
  const match = pattern.exec(output);
  if (!match) throw new Error(`wrk output has no ${lineName} line:\n${output}`);
  return match;
}

/** Reads the figures of `wrk --latency` output and of the bench script's `done` lines. */
export function parseWrkOutput(output: string): Omit<WrkResult, 'wrkCpuMs'> {
  const rps = matchOrThrow(output, /^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec');
  const p50 = matchOrThrow(output, /^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$/m, '50% latency');
  const p99 = matchOrThrow(output, /^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$/m, '99% latency');
  const total = matchOrThrow(output, /^\s+(\d+) requests in /m, 'requests');
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const check = /^BENCH_CHECK responses=(\d+) failures=(\d+)/m.exec(output);
  const firstFailure = /^BENCH_FIRST_FAILURE (.*)$/m.exec(output);

  return {
    requestsPerSecond: Number(rps[1]),
    p50Ms: parseDuration(p50[1], p50[2]),
    p99Ms: parseDuration(p99[1], p99[2]),
    totalRequests: Number(total[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: socket ? socket.slice(1, 5).reduce((sum, count) => sum + Number(count), 0) : 0,
    checkedResponses: check ? Number(check[1]) : 0,
    failures: check ? Number(check[2]) : 0,
    firstFailure: firstFailure ? firstFailure[1] : null,
    output,
  };
}

let runCount = 0;

/** Returns a value unique to each wrk run of this bench, passed to the script's `init`. */
function nextRunId(): string {
  runCount += 1;
  return `${process.pid}.${Date.now()}.${runCount}`;
}

/** Runs wrk once with `--latency`; the run stops by itself after `durationSeconds`. */
export function runWrk(options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.durationSeconds}s`,
    '--latency',
    '-s',
    options.scriptFile,
    options.url,
    '--',
    nextRunId(),
    String(options.firstDateIndex ?? 0),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let wrkCpuMs: number | null = null;
    const cpuPoll = setInterval(() => {
      const reading = child.pid === undefined ? null : processCpuMs(child.pid);
      if (reading !== null) wrkCpuMs = reading;
    }, CPU_POLL_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      options.durationSeconds * 1000 + WRK_GRACE_MS,
    );
    child.once('error', (error) => {
      clearTimeout(timer);
      clearInterval(cpuPoll);
      reject(
        new Error(
          `could not run ${WRK_BINARY} (install it with apt-get install wrk): ${error.message}`,
        ),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(cpuPoll);
      if (code !== 0) {
        reject(
          new Error(
            `wrk ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${stderr}${stdout}`,
          ),
        );
        return;
      }
      try {
        resolve({ ...parseWrkOutput(stdout), wrkCpuMs });
      } catch (error) {
        reject(error);
      }
    });
  });
}
