import fs from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Summarises a V8 `.cpuprofile` (as written by `node --cpu-prof`, for instance through
 * `npm run bench -- --cpu-prof DIR`): busy time by package, self time by function, and the
 * share of busy samples whose stack contains each package. `--from SECONDS` skips the start
 * of the profile, such as the server's start-up and its import at start.
 * Usage: `node dist/bench/profile-summary.js FILE.cpuprofile [--top N] [--from SECONDS]`.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Pseudo-frames that are not JavaScript work of the process. */
const IDLE_FRAMES = new Set(['(idle)', '(program)']);

/** Groups a frame by npm package, Node internals, app folder or V8 pseudo-frame. */
export function frameGroup(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1];
  const appMatch = /\/dist\/(src|bench)\/([^/]+)/.exec(url);
  if (appMatch) return `app ${appMatch[1]}/${appMatch[2]}`;
  return url;
}

function frameLabel(frame: CallFrame): string {
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '    — %';
  return `${((100 * part) / whole).toFixed(1).padStart(5)} %`;
}

function topEntries(map: Map<string, number>, count: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

export function summariseProfile(profile: CpuProfile, top: number, fromSeconds = 0): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }

  const selfByGroup = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusiveByGroup = new Map<string, number>();
  let busy = 0;
  let total = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    // Time deltas are in microseconds.
    const time = profile.timeDeltas[index] ?? 0;
    elapsed += time;
    const node = byId.get(id);
    if (!node || elapsed < fromSeconds * 1e6) return;
    total += time;
    if (IDLE_FRAMES.has(node.callFrame.functionName)) return;
    busy += time;

    const group = frameGroup(node.callFrame);
    selfByGroup.set(group, (selfByGroup.get(group) ?? 0) + time);
    const label = frameLabel(node.callFrame);
    selfByFunction.set(label, (selfByFunction.get(label) ?? 0) + time);

    const groupsOnStack = new Set<string>();
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parentOf.get(current)
    ) {
      const frame = byId.get(current)?.callFrame;
      if (frame && frame.functionName !== '(root)') groupsOnStack.add(frameGroup(frame));
    }
    for (const stackGroup of groupsOnStack) {
      inclusiveByGroup.set(stackGroup, (inclusiveByGroup.get(stackGroup) ?? 0) + time);
    }
  });

  if (busy === 0) {
    return `profile: no busy sample after ${fromSeconds} s (${(elapsed / 1e6).toFixed(1)} s sampled in all); lower --from`;
  }
  const lines = [
    `profile: ${(total / 1e6).toFixed(1)} s sampled from ${fromSeconds} s on, ${(busy / 1e6).toFixed(1)} s busy (${percent(busy, total).trim()})`,
    '',
    'self time by package (share of busy time):',
    ...topEntries(selfByGroup, top).map(([group, time]) => `  ${percent(time, busy)}  ${group}`),
    '',
    'busy samples with the package on the stack:',
    ...topEntries(inclusiveByGroup, top).map(
      ([group, time]) => `  ${percent(time, busy)}  ${group}`,
    ),
    '',
    'self time by function:',
    ...topEntries(selfByFunction, top).map(([label, time]) => `  ${percent(time, busy)}  ${label}`),
  ];
  return lines.join('\n');
}

const USAGE =
  'Usage: node dist/bench/profile-summary.js FILE.cpuprofile [--top N] [--from SECONDS]';

function main(): void {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string' }, from: { type: 'string' } },
    allowPositionals: true,
  });
  const top = Number(values.top ?? 25);
  const fromSeconds = Number(values.from ?? 0);
  if (positionals.length !== 1 || !Number.isInteger(top) || top < 1 || !(fromSeconds >= 0)) {
    throw new Error(USAGE);
  }
  const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as CpuProfile;
  process.stdout.write(`${summariseProfile(profile, top, fromSeconds)}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
