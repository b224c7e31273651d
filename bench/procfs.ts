import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU and memory accounting from Linux procfs, so that a report can tell the server's own
 * cost per request from the load of other processes sharing the machine. The readers
 * return null where /proc is missing or unreadable (macOS, an exited process).
 */

let clockTicksPerSecond: number | null = null;

/** Reads `getconf CLK_TCK`, the unit of the times in /proc (100 on common Linux builds). */
function ticksPerSecond(): number {
  if (clockTicksPerSecond === null) {
    const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const value = Number(result.stdout?.trim());
    clockTicksPerSecond = Number.isInteger(value) && value > 0 ? value : 100;
  }
  return clockTicksPerSecond;
}

/** Reads the user plus system CPU time of a process and all its threads, in ms. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces, so fields are counted after its closing bracket:
    // utime and stime are fields 14 and 15, the 12th and 13th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond() : null;
  } catch {
    return null;
  }
}

/** CPU time of the whole machine since boot, in ms summed over cores. */
export interface MachineCpu {
  busyMs: number;
  totalMs: number;
}

export function machineCpu(): MachineCpu | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal (guest times are inside user).
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    const factor = 1000 / ticksPerSecond();
    return { busyMs: busy * factor, totalMs: (busy + idle + iowait) * factor };
  } catch {
    return null;
  }
}

/** Reads the 1-minute load average; null off Linux. */
export function loadAverage(): number | null {
  try {
    return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/** Reads the current and peak resident set size of a process, in KiB, from /proc/PID/status. */
export function processMemoryKiB(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    const peak = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return rss && peak ? { rss: Number(rss[1]), peak: Number(peak[1]) } : null;
  } catch {
    return null;
  }
}

/**
 * Resets the peak RSS (VmHWM) of a process to its current RSS, by writing 5 to
 * /proc/PID/clear_refs (Linux 4.0 and later). Returns false when that is not permitted.
 */
export function resetPeakMemory(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
