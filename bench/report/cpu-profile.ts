import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileShare {
  name: string;
  ms: number;
  /** Share of the busy (not idle) time. */
  percent: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  idleMs: number;
  byArea: ProfileShare[];
  byFunction: ProfileShare[];
}

/**
 * Where a Node CPU profile (`--cpu-prof`) spent its time: self time grouped by area (a package
 * under node_modules, a Node core module, one of our libraries or apps, GC) and by function.
 * Self time only: a share is what that code itself ran, not what it called.
 */
export function summarizeCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const excluded = profilerOwnNodes(profile.nodes, byId);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  for (const [id, ms] of self) {
    if (excluded.has(id)) continue;
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const shares = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, percent: (100 * ms) / Math.max(busyMs, 1e-9) }));
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs,
    idleMs,
    byArea: shares(areas),
    byFunction: shares(functions),
  };
}

/** The profiler's own work (bench/stack/profile-hook.ts stopping and serialising): not the service's. */
function profilerOwnNodes(nodes: ProfileNode[], byId: Map<number, ProfileNode>): Set<number> {
  const excluded = new Set<number>();
  const visit = (id: number) => {
    if (excluded.has(id)) return;
    excluded.add(id);
    for (const child of byId.get(id)?.children ?? []) visit(child);
  };
  for (const node of nodes) if (node.callFrame.url.includes('profile-hook')) visit(node.id);
  return excluded;
}

/** The area a frame belongs to: `pkg` under node_modules, `node:x` core, `ours:libs/x`, or a V8 pseudo-frame. */
export function areaOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packaged) return packaged[1]!;
  if (url.startsWith('node:'))
    return url
      .replace(/^node:(internal\/)?/, 'node:')
      .split('/')
      .slice(0, 2)
      .join('/');
  const ours = /\/dist\/((?:libs|apps)\/[^/]+)\//.exec(url) ?? /\/((?:libs|apps)\/[^/]+)\//.exec(url);
  if (ours) return `ours:${ours[1]}`;
  return url;
}

function shortUrl(url: string): string {
  return url
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '')
    .replace(/^file:\/\//, '');
}

export function renderCpuProfile(summary: ProfileSummary, requests: number): string {
  const perRequest = (ms: number) => (requests > 0 ? `${((1000 * ms) / requests).toFixed(0)} µs/req` : '');
  const lines = [
    `profile: ${(summary.wallMs / 1000).toFixed(1)} s wall, busy ${(summary.busyMs / 1000).toFixed(1)} s ` +
      `(${perRequest(summary.busyMs)} over ${requests} requests), idle ${(summary.idleMs / 1000).toFixed(1)} s`,
    '',
    '| area (self time) | ms | % of busy | per request |',
    '|---|---:|---:|---:|',
    ...summary.byArea.map((s) => `| ${s.name} | ${s.ms.toFixed(0)} | ${s.percent.toFixed(1)} | ${perRequest(s.ms)} |`),
    '',
    '| function (self time) | ms | % of busy |',
    '|---|---:|---:|',
    ...summary.byFunction.map((s) => `| \`${s.name}\` | ${s.ms.toFixed(0)} | ${s.percent.toFixed(1)} |`),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const [file, requests] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/report/cpu-profile.js <file.cpuprofile> [requests]\n');
    process.exit(2);
  }
  process.stdout.write(`${renderCpuProfile(summarizeCpuProfile(file, 30), Number(requests ?? 0))}\n`);
}
