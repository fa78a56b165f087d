/** A V8 `.cpuprofile` (the parts read here). */
const HTTP_STACK = new RegExp(
  'node_modules/(express|router|body-parser|raw-body|iconv-lite|qs|on-finished|finalhandler|send|content-type|' +
    'type-is|mime)',
);

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}

/** Which area of the code a frame belongs to: the first rule whose test matches. */
const AREAS: [string, (url: string, fn: string) => boolean][] = [
  ['idle', (_u, fn) => fn === '(idle)'],
  ['garbage collection', (_u, fn) => fn === '(garbage collector)'],
  ['(program): V8/native outside JS', (_u, fn) => fn === '(program)'],
  ['pg driver (protocol, row parsing)', (u) => /node_modules\/(pg|pg-protocol|pg-types|pg-pool)\//.test(u)],
  ['kafkajs (encoding, CRC, network)', (u) => u.includes('node_modules/kafkajs/')],
  ['typeorm', (u) => u.includes('node_modules/typeorm/')],
  ['Nest (core, cqrs, common)', (u) => u.includes('node_modules/@nestjs/')],
  ['Express / router / body parsing', (u) => HTTP_STACK.test(u)],
  ['rxjs', (u) => u.includes('node_modules/rxjs/')],
  ['ajv (contract validation)', (u) => u.includes('node_modules/ajv')],
  ['other node_modules', (u) => u.includes('node_modules/')],
  ['follower runtime (libs/follower)', (u) => u.includes('/libs/follower/')],
  ['audit projection (libs/audit)', (u) => u.includes('/libs/audit/')],
  ['read-model projection and queries (libs/read-model)', (u) => u.includes('/libs/read-model/')],
  ['Kafka mapping (libs/messaging)', (u) => u.includes('/libs/messaging/')],
  ['event store (libs/event-store)', (u) => u.includes('/libs/event-store/')],
  ['SCIM protocol (libs/scim)', (u) => u.includes('/libs/scim/')],
  ['domain and write model', (u) => /\/libs\/(domain|write-model)\//.test(u)],
  ['tenancy and auth (libs/tenancy)', (u) => u.includes('/libs/tenancy/')],
  ['platform (libs/platform)', (u) => u.includes('/libs/platform/')],
  ['gateway app', (u) => u.includes('/apps/scim-gateway/')],
  ['other apps', (u) => u.includes('/apps/')],
  ['Node internals (net, http, streams, crypto)', (u) => u.startsWith('node:') || u === ''],
];

function areaOf(url: string, functionName: string): string {
  for (const [name, test] of AREAS) if (test(url, functionName)) return name;
  return 'other';
}

/** Self time by area, in percent of the busy (non-idle) time, as text lines. */
export function summarizeProfile(profile: CpuProfile): string {
  const areaOfNode = new Map(
    profile.nodes.map((node) => [node.id, areaOf(node.callFrame.url, node.callFrame.functionName)]),
  );
  const micros = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const area = areaOfNode.get(nodeId) ?? 'other';
    micros.set(area, (micros.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const idle = micros.get('idle') ?? 0;
  micros.delete('idle');
  const busy = [...micros.values()].reduce((a, b) => a + b, 0);
  const lines = [...micros.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([area, us]) => `${((us / busy) * 100).toFixed(1).padStart(5)} %  ${area}`);
  return [
    `service CPU profile: busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s; self time by area ` +
      `(of busy):`,
    ...lines,
  ].join('\n');
}
