import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BOUNDARY_TEST = 'test/packs/quota-day-boundary.test.ts';

interface JestSummary {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

/** Runs the boundary test file in a child Jest with `TZ` set, and returns its JSON summary. */
function runBoundaryTest(timeZone: string): Promise<{ code: number | null; summary: JestSummary }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--runInBand', '--json', BOUNDARY_TEST],
      { cwd: ROOT, env: { ...process.env, TZ: timeZone, NPP_EXPECTED_TZ: timeZone } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, summary: JSON.parse(stdout) as JestSummary });
      } catch {
        reject(new Error(`child jest (TZ=${timeZone}) printed no JSON:\n${stderr}`));
      }
    });
  });
}

describe('quota periods under other server time zones', () => {
  it.each(['UTC', 'America/New_York'])('pass with TZ=%s', async (timeZone) => {
    const { code, summary } = await runBoundaryTest(timeZone);

    expect(summary.numFailedTests).toBe(0);
    expect(summary.numPendingTests).toBe(0);
    expect(summary.numPassedTests).toBe(4);
    expect(code).toBe(0);
  });
});
