import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  wrk: string;
  /** SQLite library version and the node-sqlite3 package version that embeds it. */
  sqlite: string;
}

/** CPU model from /proc/cpuinfo (Linux), else what Node reports. */
function cpuModel(): string {
  try {
    const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const match = /^model name\s*:\s*(.+)$/m.exec(cpuinfo);
    if (match) return match[1].trim();
  } catch {
    // Not Linux: fall back below.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** First line of `wrk --version`, which prints its banner and exits with status 1. */
function wrkVersion(): string {
  const result = spawnSync(process.env.NPP_WRK ?? 'wrk', ['--version'], { encoding: 'utf8' });
  const firstLine = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')[0].trim();
  return firstLine.replace(/\s*Copyright.*$/, '') || 'not found';
}

/** Reads the version of the SQLite library that the `sqlite3` driver package embeds. */
function sqliteVersion(): string {
  try {
    const driver = require('sqlite3') as { VERSION?: string };
    const pkg = require('sqlite3/package.json') as { version?: string };
    return `SQLite ${driver.VERSION ?? '?'} (node-sqlite3 ${pkg.version ?? '?'})`;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    wrk: wrkVersion(),
    sqlite: sqliteVersion(),
  };
}
