import { FuzzClient, type FuzzResponse } from './client';
import { RequestGenerator, USER_SCHEMA, type FuzzRequest, type FuzzTarget, type Kind } from './generator';
import { Random } from './random';
import type { ServiceProcess } from './target';

export interface FuzzOptions {
  seed: number;
  requests: number;
  concurrency: number;
  /** An answer slower than this is a violation. */
  slowMs: number;
  /** Peak resident memory of the service at or above this is a violation. */
  maxRssBytes: number;
  /** How long the service idles after the run before its idle memory is read. */
  idleSeconds: number;
  log: (line: string) => void;
}

export const DEFAULT_FUZZ_OPTIONS = { concurrency: 8, slowMs: 5000, maxRssBytes: 400 * 1024 * 1024, idleSeconds: 15 };

export interface Sample {
  kind: Kind;
  method: string;
  path: string;
  status: number;
  ms: number;
  body: string;
  error?: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  seconds: number;
  byStatusClass: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  serverErrors: Sample[];
  serverErrorCount: number;
  slow: Sample[];
  slowCount: number;
  noResponse: Sample[];
  noResponseCount: number;
  /** 4xx/5xx answers of SCIM routes whose body is not a SCIM error. */
  nonScimErrors: Sample[];
  nonScimErrorCount: number;
  exits: Array<{ code: number | null; signal: string | null; tail: string }>;
  /** The service's first error-level log lines (the stack of each 500). */
  serviceErrors: string[];
  rss: { baselineMb: number; peakMb: number; idleMb: number };
  /** The service's own view (its /metrics) at the end of the run and when idle: what the RSS is made of. */
  memory: { atEnd?: MemoryBreakdown; idle?: MemoryBreakdown };
  checks: Record<string, { ok: boolean; detail: string }>;
  violations: string[];
}

const MAX_SAMPLES = 25;
const MAX_KNOWN_IDS = 500;
const MB = 1024 * 1024;

/**
 * Sends `requests` generated requests at the service from `concurrency` workers, watching its
 * answers, its exits and its memory, then checks that the read model and the provisioning log
 * still work for another tenant.
 */
export async function runFuzz(
  service: ServiceProcess,
  operatorToken: string,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const { log } = options;
  const random = new Random(options.seed);
  const admin = adminClient(service, operatorToken);
  const fuzzed = await admin.tenant(`fuzz-${options.seed}`, 'generic');
  const control = await admin.tenant(`control-${options.seed}`, 'okta');
  const target: FuzzTarget = {
    tenantId: fuzzed.tenantId,
    apiKey: fuzzed.apiKey,
    otherApiKey: control.apiKey,
    operatorToken,
    userIds: [],
    groupIds: [],
  };
  const generator = new RequestGenerator(random, target);
  const url = new URL(service.baseUrl);
  const client = new FuzzClient(url.hostname, Number(url.port), options.concurrency);
  await seedResources(client, generator, target);

  const report = emptyReport(options);
  report.rss.baselineMb = service.rssBytes() / MB;
  let peak = service.rssBytes();
  const sampler = setInterval(() => (peak = Math.max(peak, service.rssBytes())), 250);
  const started = Date.now();
  let sent = 0;
  let lastProgress = Date.now();
  const worker = async () => {
    while (sent < options.requests) {
      sent++;
      const request = generator.next();
      const response = await client.send(request);
      record(report, request, response, options.slowMs);
      learnIds(target, request, response);
      if (response.status === 0) await service.settled();
      if (Date.now() - lastProgress > 10_000) {
        lastProgress = Date.now();
        log(
          `  ${sent}/${options.requests} sent, ${report.serverErrorCount} × 5xx, ${service.exits.length} exits, RSS ` +
            `${(service.rssBytes() / MB).toFixed(0)} MB`,
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    clearInterval(sampler);
  }
  report.seconds = (Date.now() - started) / 1000;
  report.rss.peakMb = peak / MB;
  report.memory.atEnd = await memoryBreakdown(service);
  await service.settled();
  report.exits = service.exits.map((exit) => ({ ...exit }));
  report.serviceErrors = [...service.errorLines];

  log(`  run done in ${report.seconds.toFixed(1)} s; idling ${options.idleSeconds} s before reading idle memory`);
  await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
  report.rss.idleMb = service.rssBytes() / MB;
  report.memory.idle = await memoryBreakdown(service);
  report.checks = await afterRunChecks(service, admin, control, fuzzed, options.slowMs);
  client.close();
  report.violations = violations(report, options);
  return report;
}

export interface MemoryBreakdown {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** Buffers and other memory V8 is told about but does not hold in its heap. */
  externalMb: number;
  /** RSS minus the heap and external memory: native allocations, code, stacks, allocator slack. */
  otherMb: number;
}

async function memoryBreakdown(service: ServiceProcess): Promise<MemoryBreakdown | undefined> {
  const text = await fetch(`${service.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })
    .then((r) => r.text())
    .catch(() => undefined);
  if (!text) return undefined;
  const value = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN) / MB;
  const rssMb = service.rssBytes() / MB;
  const heapUsedMb = value('nodejs_heap_size_used_bytes');
  const heapTotalMb = value('nodejs_heap_size_total_bytes');
  const externalMb = value('nodejs_external_memory_bytes');
  return { rssMb, heapUsedMb, heapTotalMb, externalMb, otherMb: rssMb - heapTotalMb - externalMb };
}

function emptyReport(options: FuzzOptions): FuzzReport {
  return {
    seed: options.seed,
    requests: options.requests,
    seconds: 0,
    byStatusClass: {},
    byKind: {},
    serverErrors: [],
    serverErrorCount: 0,
    slow: [],
    slowCount: 0,
    noResponse: [],
    noResponseCount: 0,
    nonScimErrors: [],
    nonScimErrorCount: 0,
    exits: [],
    serviceErrors: [],
    rss: { baselineMb: 0, peakMb: 0, idleMb: 0 },
    memory: {},
    checks: {},
    violations: [],
  };
}

function record(report: FuzzReport, request: FuzzRequest, response: FuzzResponse, slowMs: number): void {
  const statusClass =
    response.status > 0 ? `${Math.floor(response.status / 100)}xx` : response.status === 0 ? 'no response' : 'not sent';
  report.byStatusClass[statusClass] = (report.byStatusClass[statusClass] ?? 0) + 1;
  const kind = (report.byKind[request.kind] ??= {});
  kind[String(response.status)] = (kind[String(response.status)] ?? 0) + 1;
  const sample = (): Sample => ({
    kind: request.kind,
    method: request.method,
    path: (request.raw ?? request.path).slice(0, 160),
    status: response.status,
    ms: Math.round(response.ms),
    body: response.bodyStart.slice(0, 300),
    ...(response.error ? { error: response.error } : {}),
  });
  if (response.status >= 500) {
    report.serverErrorCount++;
    if (report.serverErrors.length < MAX_SAMPLES) report.serverErrors.push(sample());
  }
  if (response.ms > slowMs) {
    report.slowCount++;
    if (report.slow.length < MAX_SAMPLES) report.slow.push(sample());
  }
  if (response.status === 0) {
    report.noResponseCount++;
    if (report.noResponse.length < MAX_SAMPLES) report.noResponse.push(sample());
  }
  if (response.status >= 400 && isScimRoute(request) && request.method !== 'HEAD' && !isScimErrorBody(response)) {
    report.nonScimErrorCount++;
    if (report.nonScimErrors.length < MAX_SAMPLES) report.nonScimErrors.push(sample());
  }
}

function isScimRoute(request: FuzzRequest): boolean {
  return request.raw === undefined && request.path.startsWith('/scim/v2/');
}

function isScimErrorBody(response: FuzzResponse): boolean {
  return (
    (response.contentType ?? '').includes('application/scim+json') &&
    response.bodyStart.includes('"urn:ietf:params:scim:api:messages:2.0:Error"')
  );
}

/** Ids of created resources, so later PATCH/PUT/DELETE requests hit something. */
function learnIds(target: FuzzTarget, request: FuzzRequest, response: FuzzResponse): void {
  if (response.status !== 201) return;
  const id = /"id":"([^"]+)"/.exec(response.bodyStart)?.[1];
  if (!id) return;
  const list = request.path.includes('/Groups') ? target.groupIds : target.userIds;
  if (list.length < MAX_KNOWN_IDS) list.push(id);
}

async function seedResources(client: FuzzClient, generator: RequestGenerator, target: FuzzTarget): Promise<void> {
  const base = `/scim/v2/${target.tenantId}`;
  const headers = { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/scim+json' };
  const seeds = [
    { resources: 'Users', count: 20, body: () => generator.validUser() },
    { resources: 'Groups', count: 5, body: () => generator.validGroup() },
  ];
  for (const { resources, count, body } of seeds)
    for (let i = 0; i < count; i++) {
      const request: FuzzRequest = { kind: 'valid', method: 'POST', path: `${base}/${resources}`, headers };
      learnIds(target, request, await client.send({ ...request, body: JSON.stringify(body()) }));
    }
  if (target.userIds.length === 0) throw new Error('the fuzzed tenant could not create a single user before the run');
}

interface TenantKey {
  tenantId: string;
  apiKey: string;
  base: string;
}

function adminClient(service: ServiceProcess, operatorToken: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    call,
    async tenant(tenantId: string, idpProfile: string): Promise<TenantKey> {
      const created = await call('POST', '/admin/tenants', { name: tenantId, id: tenantId });
      if (created.status !== 201)
        throw new Error(`create tenant ${tenantId}: ${created.status} ${JSON.stringify(created.body)}`);
      const enabled = await call('PUT', `/admin/tenants/${tenantId}/scim`, { idpProfile });
      if (enabled.status !== 200)
        throw new Error(`enable SCIM for ${tenantId}: ${enabled.status} ${JSON.stringify(enabled.body)}`);
      return { tenantId, apiKey: String(enabled.body.apiKey), base: `${service.baseUrl}/scim/v2/${tenantId}` };
    },
  };
}

/** After the run: the read model and the provisioning log still serve another tenant (and the fuzzed one). */
async function afterRunChecks(
  service: ServiceProcess,
  admin: ReturnType<typeof adminClient>,
  control: TenantKey,
  fuzzed: TenantKey,
  slowMs: number,
): Promise<FuzzReport['checks']> {
  const checks: FuzzReport['checks'] = {};
  const scim = async (tenant: TenantKey, method: string, path: string, body?: unknown) => {
    const started = Date.now();
    const response = await fetch(`${tenant.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      ms: Date.now() - started,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const userName = `after-run-${Date.now()}@example.com`;
  const created = await scim(control, 'POST', '/Users', {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'After', familyName: 'Run' },
  }).catch((error: Error) => ({ status: 0, ms: 0, body: { error: error.message } }));
  checks.controlTenantCreate = {
    ok: created.status === 201 && created.ms < slowMs,
    detail: `POST /Users in ${control.tenantId}: ${created.status} in ${created.ms} ms`,
  };
  const listed = await scim(control, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).catch(
    () => ({ status: 0, ms: 0, body: {} as Record<string, unknown> }),
  );
  checks.controlTenantListed = {
    ok: listed.status === 200 && listed.body.totalResults === 1,
    detail: `filter userName eq: ${listed.status}, totalResults ${String(listed.body.totalResults)}`,
  };
  let logged = 0;
  for (let attempt = 0; attempt < 20 && logged === 0; attempt++) {
    const log = await admin
      .call(
        'GET',
        `/admin/tenants/${control.tenantId}/provisioning-log?userName=${encodeURIComponent(userName)}&status=201`,
      )
      .catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
    logged = Number(log.body.count ?? 0);
    if (logged === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  checks.provisioningLogEntry = { ok: logged > 0, detail: `provisioning-log entries for the create: ${logged}` };
  const fuzzedCreate = await scim(fuzzed, 'POST', '/Users', {
    schemas: [USER_SCHEMA],
    userName: `after-run-${Date.now()}@fuzzed.example.com`,
  }).catch(() => ({ status: 0, ms: 0, body: {} }));
  checks.fuzzedTenantCreate = {
    ok: fuzzedCreate.status === 201,
    detail: `POST /Users in the fuzzed tenant: ${fuzzedCreate.status} in ${fuzzedCreate.ms} ms`,
  };
  const ready = await fetch(`${service.baseUrl}/health/ready`)
    .then(async (r) => ({ status: r.status, body: await r.text() }))
    .catch((error: Error) => ({ status: 0, body: error.message }));
  checks.ready = {
    ok: ready.status === 200,
    detail: `/health/ready: ${ready.status}${ready.status === 200 ? '' : ` ${ready.body.slice(0, 500)}`}`,
  };
  return checks;
}

function violations(report: FuzzReport, options: FuzzOptions): string[] {
  const found: string[] = [];
  if (report.serverErrorCount > 0) found.push(`${report.serverErrorCount} answers were 5xx`);
  if (report.exits.length > 0) found.push(`the service exited ${report.exits.length} times`);
  if (report.slowCount > 0) found.push(`${report.slowCount} answers took over ${options.slowMs} ms`);
  if (report.rss.peakMb * MB >= options.maxRssBytes)
    found.push(`peak RSS ${report.rss.peakMb.toFixed(0)} MB ≥ ${(options.maxRssBytes / MB).toFixed(0)} MB`);
  for (const [name, check] of Object.entries(report.checks))
    if (!check.ok) found.push(`check ${name} failed: ${check.detail}`);
  return found;
}

/** The report as text for the terminal. */
export function formatReport(report: FuzzReport): string {
  const lines = [
    `seed ${report.seed}: ${report.requests} requests in ${report.seconds.toFixed(1)} s ` +
      `(${(report.requests / Math.max(report.seconds, 0.001)).toFixed(0)}/s)`,
    `by status class: ${Object.entries(report.byStatusClass)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `5xx: ${report.serverErrorCount}; process exits: ${report.exits.length}; answers over the bound: ` +
      `${report.slowCount}; no response: ${report.noResponseCount}; non-SCIM error bodies: ${report.nonScimErrorCount}`,
    `RSS: baseline ${report.rss.baselineMb.toFixed(0)} MB, peak ${report.rss.peakMb.toFixed(0)} MB, idle ` +
      `${report.rss.idleMb.toFixed(0)} MB`,
    ...Object.entries(report.memory).map(([when, m]) =>
      m
        ? `memory ${when}: RSS ${m.rssMb.toFixed(0)} MB = heap ${m.heapTotalMb.toFixed(0)} MB (used ` +
          `${m.heapUsedMb.toFixed(0)}) + external ${m.externalMb.toFixed(0)} MB + other ${m.otherMb.toFixed(0)} MB`
        : `memory ${when}: unavailable`,
    ),
    ...Object.entries(report.checks).map(
      ([name, check]) => `check ${name}: ${check.ok ? 'ok' : 'FAILED'} (${check.detail})`,
    ),
    'by kind:',
    ...Object.entries(report.byKind).map(
      ([kind, statuses]) =>
        `  ${kind.padEnd(14)} ${Object.entries(statuses)
          .sort()
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    ),
  ];
  const samples = (title: string, list: Sample[]) =>
    list.length
      ? [
          title,
          ...list.map(
            (s) =>
              `  [${s.kind}] ${s.method} ${s.path} → ${s.status} (${s.ms} ms)${s.error ? ` ${s.error}` : ''} ` +
              `${s.body.replace(/\s+/g, ' ').slice(0, 200)}`,
          ),
        ]
      : [];
  lines.push(
    ...samples('5xx samples:', report.serverErrors),
    ...samples('slow samples:', report.slow),
    ...samples('no-response samples:', report.noResponse),
    ...samples('non-SCIM error samples:', report.nonScimErrors),
  );
  if (report.serviceErrors.length)
    lines.push('service error lines:', ...report.serviceErrors.map((line) => `  ${line.slice(0, 1500)}`));
  for (const exit of report.exits)
    lines.push(`exit (code ${exit.code}, signal ${exit.signal}); last output:`, exit.tail.slice(-2000));
  lines.push(report.violations.length ? `VIOLATIONS:\n  ${report.violations.join('\n  ')}` : 'no violations');
  return lines.join('\n');
}
