import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { processMemoryKiB, resetPeakMemory } from './procfs';
import { fillPlaceholders } from './scenario';
import { max, median } from './stats';

/** Durations and server memory of a `timed` scenario. */
export interface TimedResult {
  durationsMs: number[];
  medianMs: number;
  maxMs: number;
  /** Size of the last response body. */
  bytes: number;
  /** Server RSS before the first request, in MB (10^6 bytes); null off Linux. */
  rssBeforeMB: number | null;
  /** Server peak RSS during the requests, in MB; null when the peak could not be reset. */
  peakRssMB: number | null;
}

export interface TimedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  repeat: number;
  serverPid: number;
}

/**
 * Sends one request `repeat` times, one after the other, reading each whole body.
 * `check` runs on each response and throws to abort. The server's peak RSS is reset first,
 * so the peak read afterwards belongs to these requests.
 */
export async function runTimed(
  request: TimedRequest,
  check: (response: Response, body: Buffer) => void,
): Promise<TimedResult> {
  const toMB = (kib: number) => (kib * 1024) / 1e6;
  const peakReset = resetPeakMemory(request.serverPid);
  const before = processMemoryKiB(request.serverPid);

  const durationsMs: number[] = [];
  let bytes = 0;
  for (let index = 0; index < request.repeat; index += 1) {
    const nonce = `timed-${randomUUID()}`;
    const started = performance.now();
    const response = await fetch(fillPlaceholders(request.url, nonce), {
      method: request.method,
      headers: request.headers,
      body: fillPlaceholders(request.body, nonce),
    });
    const body = Buffer.from(await response.arrayBuffer());
    durationsMs.push(performance.now() - started);
    check(response, body);
    bytes = body.length;
  }

  const after = processMemoryKiB(request.serverPid);
  return {
    durationsMs,
    medianMs: median(durationsMs),
    maxMs: max(durationsMs),
    bytes,
    rssBeforeMB: before ? toMB(before.rss) : null,
    peakRssMB: peakReset && after ? toMB(after.peak) : null,
  };
}
