#!/usr/bin/env node
/**
 * scim admin CLI: tenant SCIM settings over the admin HTTP API.
 *
 *   npm run admin -- tenant create "Acme" [--id acme]
 *   npm run admin -- scim enable acme --idp okta
 *
 * Plain Node on purpose (no framework, no dependencies) so it starts fast and runs anywhere
 * the service's dist/ does. The operator token comes from OPERATOR_TOKEN or the file the
 * embedded quickstart writes (.data/operator-token); it is never printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const USAGE = `Usage: admin <command> [options]

Commands:
  tenant create <name> [--id <tenantId>]     create a tenant
  tenant list                                list tenants
  scim enable <tenantId> --idp <profile>     enable SCIM (entra|okta|jumpcloud|google|onelogin|generic);
                                             prints the SCIM base URL and the API key (shown once)
  scim rotate <tenantId> [--grace <seconds>] issue a new key; old keys stop now or after the grace (max 86400)
  scim revoke <tenantId> <keyId>             revoke one key at once
  scim keys <tenantId>                       list keys (id, created, last used, status)
  scim disable <tenantId>                    delete the SCIM setup (keys stop; users and history stay)
  scim basic-auth <tenantId> on|off          HTTP Basic for test instances (never in production)
  log <tenantId> [--status 409] [--user alice] [--resource <id>] [--from <iso>] [--to <iso>] [--limit 100]
                                             query the provisioning log
  followers                                  projector, audit projector, publisher: active instance, state, lag
  parked list [--tenant <id>] [--follower <name>] [--status parked|retried|skipped|...]
                                             events a follower could not apply (their tenant waits behind them)
  parked retry <id>                          after fixing the cause: apply it again, then the tenant's held events
  parked skip <id>                           pass over it for good (recorded in the tenant's audit log)
  user erase <tenantId> <userId>             right to erasure: delete the user if still there and destroy its data key;
                                             ids, access intervals and roles stay in the audit (docs/erasure.md)
  keys status                                data keys per key-encryption key, and erased ones
  keys rewrap                                after a rotation of the key-encryption key: rewrap every data key

Options:
  --url <baseUrl>   admin API base URL (env SCIM_ADMIN_URL, default http://127.0.0.1:3000)
  --json            print the raw JSON answer
  -h, --help        this text

The operator token is read from env OPERATOR_TOKEN, else from <DATA_DIR or .data>/operator-token.`;

export class CliError extends Error {}

interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

/** `--name value`, `--name=value` and boolean `--flag`; everything else is positional. */
export function parseArgs(argv: string[], booleans = new Set(['json', 'help'])): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') options.set('help', true);
    else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (inline !== undefined) options.set(name, inline);
      else if (booleans.has(name)) options.set(name, true);
      else {
        const value = argv[++i];
        if (value === undefined) throw new CliError(`option --${name} needs a value`);
        options.set(name, value);
      }
    } else positional.push(arg);
  }
  return { positional, options };
}

interface Request {
  method: string;
  path: string;
  body?: unknown;
}

/** Which admin API call a command line means. */
export function toRequest(positional: string[], options: Map<string, string | true>): Request {
  const [group, action, ...rest] = positional;
  const opt = (name: string) => {
    const value = options.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new CliError(`missing ${what}`);
    return value;
  };
  const tenant = (id: string | undefined) => `/admin/tenants/${encodeURIComponent(need(id, '<tenantId>'))}`;
  /** `?param=value&…` from the options given, named by flag: `{ flag: param }`; '' when none is. */
  const query = (params: Record<string, string>) => {
    const search = new URLSearchParams();
    for (const [flag, param] of Object.entries(params)) if (opt(flag) !== undefined) search.set(param, opt(flag)!);
    const qs = search.toString();
    return qs ? `?${qs}` : '';
  };

  if (group === 'tenant' && action === 'create') {
    const body: Record<string, string> = { name: need(rest[0], '<name>') };
    if (opt('id')) body.id = opt('id') as string;
    return { method: 'POST', path: '/admin/tenants', body };
  }
  if (group === 'tenant' && action === 'list') return { method: 'GET', path: '/admin/tenants' };
  if (group === 'scim') {
    switch (action) {
      case 'enable':
        return {
          method: 'PUT',
          path: `${tenant(rest[0])}/scim`,
          body: { idpProfile: need(opt('idp'), '--idp <profile>') },
        };
      case 'rotate': {
        const grace = opt('grace');
        if (grace !== undefined && !/^\d+$/.test(grace))
          throw new CliError('--grace must be a whole number of seconds');
        return {
          method: 'POST',
          path: `${tenant(rest[0])}/scim/keys/rotate`,
          body: grace === undefined ? {} : { graceSeconds: Number(grace) },
        };
      }
      case 'revoke':
        return {
          method: 'DELETE',
          path: `${tenant(rest[0])}/scim/keys/${encodeURIComponent(need(rest[1], '<keyId>'))}`,
        };
      case 'keys':
        return { method: 'GET', path: `${tenant(rest[0])}/scim/keys` };
      case 'disable':
        return { method: 'DELETE', path: `${tenant(rest[0])}/scim` };
      case 'basic-auth': {
        const state = rest[1];
        if (state !== 'on' && state !== 'off') throw new CliError('basic-auth takes on or off');
        return { method: 'PUT', path: `${tenant(rest[0])}/scim/basic-auth`, body: { enabled: state === 'on' } };
      }
    }
  }
  if (group === 'followers') return { method: 'GET', path: '/admin/followers' };
  if (group === 'parked') {
    if (action === 'list') {
      const filters = query({ tenant: 'tenantId', follower: 'follower', status: 'status', limit: 'limit' });
      return { method: 'GET', path: `/admin/parked-events${filters}` };
    }
    if (action === 'retry' || action === 'skip') {
      const id = need(rest[0], '<id>');
      if (!/^\d+$/.test(id)) throw new CliError('<id> is the number shown by "parked list"');
      return { method: 'POST', path: `/admin/parked-events/${id}/${action}` };
    }
  }
  if (group === 'user' && action === 'erase') {
    return {
      method: 'POST',
      path: `${tenant(rest[0])}/users/${encodeURIComponent(need(rest[1], '<userId>'))}/erasure`,
    };
  }
  if (group === 'keys' && action === 'status') return { method: 'GET', path: '/admin/personal-data/keys' };
  if (group === 'keys' && action === 'rewrap') return { method: 'POST', path: '/admin/personal-data/keys/rewrap' };
  if (group === 'log') {
    const filters = query({
      status: 'status',
      user: 'userName',
      resource: 'resourceId',
      from: 'from',
      to: 'to',
      limit: 'limit',
    });
    return { method: 'GET', path: `${tenant(action)}/provisioning-log${filters}` };
  }
  throw new CliError(`unknown command: ${positional.join(' ') || '(none)'}`);
}

export function operatorToken(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.OPERATOR_TOKEN) return env.OPERATOR_TOKEN.trim();
  const file = join(resolve(cwd, env.DATA_DIR ?? '.data'), 'operator-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new CliError(`no operator token: set OPERATOR_TOKEN or start the embedded service once (it writes ${file})`);
}

/** Human output per command; `--json` prints the answer as is. */
type Obj = Record<string, unknown>;
/** A cell: '-' for absent values. */
const str = (value: unknown): string => (value === null || value === undefined ? '-' : String(value));

export function render(positional: string[], body: unknown): string {
  const [group, action] = positional;
  const b = body as Obj;
  if (body === undefined) return 'Done.';
  if (group === 'tenant' && action === 'list') {
    const tenants = b.tenants as Obj[];
    if (tenants.length === 0) return 'No tenants.';
    return table(
      ['TENANT', 'NAME', 'SCIM', 'IDP', 'BASIC', 'BASE URL'],
      tenants.map((t) => [
        str(t.tenantId),
        str(t.name),
        t.scimEnabled ? 'on' : 'off',
        str(t.idpProfile),
        t.basicAuthEnabled ? 'on' : 'off',
        str(t.scimBaseUrl),
      ]),
    );
  }
  if (group === 'tenant' && action === 'create') return `Created tenant ${str(b.tenantId)} (${str(b.name)}).`;
  if (group === 'scim' && (action === 'enable' || action === 'rotate')) {
    const lines = [`SCIM base URL: ${str(b.scimBaseUrl)}`];
    if (b.apiKey)
      lines.push(
        `API key id:    ${str(b.keyId)}`,
        `API key:       ${str(b.apiKey)}`,
        '',
        'Copy the API key now: it is shown only once and stored only as a hash.',
      );
    else lines.push(`IdP profile set to ${str(b.idpProfile)}; existing keys keep working (rotate to get a new key).`);
    for (const r of (b.revoked ?? []) as Array<{ keyId: string; effectiveAt: string }>)
      lines.push(`Old key ${r.keyId} stops at ${r.effectiveAt}.`);
    return lines.join('\n');
  }
  if (group === 'scim' && action === 'keys') {
    const keys = b.keys as Obj[];
    if (keys.length === 0) return 'No keys.';
    return table(
      ['KEY ID', 'STATUS', 'CREATED', 'LAST USED', 'ENDS'],
      keys.map((k) => [str(k.keyId), str(k.status), str(k.createdAt), str(k.lastUsedAt), str(k.revokedAt)]),
    );
  }
  if (group === 'scim' && action === 'basic-auth') {
    return (
      `HTTP Basic ${b.basicAuthEnabled ? 'enabled' : 'disabled'} for ` +
      `${str(b.tenantId)}.${b.warning ? `\nWarning: ${str(b.warning)}` : ''}`
    );
  }
  if (group === 'user' && action === 'erase') {
    return b.erased
      ? `Erased user ${str(b.userId)} of ${str(b.tenantId)}: its data key is destroyed; ` +
          `${str(b.provisioningLogRows)} provisioning-log rows cleaned.`
      : `User ${str(b.userId)} of ${str(b.tenantId)} was erased already (its data key is gone).`;
  }
  if (group === 'keys') {
    const byKek = (b.byKek ?? []) as Obj[];
    const lines = byKek.map((k) => `${str(k.kekId)}${k.current ? ' (current)' : ''}: ${str(k.keys)} data keys`);
    if (action === 'rewrap')
      lines.unshift(`Rewrapped ${str(b.rewrapped)} data keys under ${str(b.currentKeyEncryptionKey)}.`);
    lines.push(`${str(b.erased)} erased`);
    return lines.join('\n');
  }
  if (group === 'log') {
    const entries = b.entries as Obj[];
    if (entries.length === 0) return 'No matching requests.';
    return table(
      ['TIME', 'METHOD', 'PATH', 'STATUS', 'SCIMTYPE', 'USERNAME', 'RESOURCE', 'MS', 'DETAIL'],
      entries.map((e) => [
        str(e.at),
        str(e.method),
        str(e.path),
        str(e.status),
        str(e.scimType),
        str(e.userName),
        str(e.resourceId),
        str(e.latencyMs),
        e.detail ? String(e.detail) : '',
      ]),
    );
  }
  return JSON.stringify(body, null, 2);
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows.map((r) => r.map((c) => String(c ?? '')))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('  '))
    .join('\n');
}

export async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string; err: string }> {
  try {
    const { positional, options } = parseArgs(argv);
    if (options.has('help') || positional.length === 0)
      return {
        code: options.has('help') ? 0 : 2,
        out: options.has('help') ? USAGE : '',
        err: options.has('help') ? '' : USAGE,
      };
    const request = toRequest(positional, options);
    const baseUrl = String(options.get('url') ?? env.SCIM_ADMIN_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    const token = operatorToken(env);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
    } catch (error) {
      const cause =
        (error as { cause?: { code?: string } }).cause?.code ??
        (error instanceof Error ? error.message : String(error));
      return {
        code: 1,
        out: '',
        err:
          `Error: cannot reach the admin API at ${baseUrl} (${cause}); is the service running? (--url or ` +
          `SCIM_ADMIN_URL)`,
      };
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (!response.ok) {
      const detail = (body as { detail?: string } | undefined)?.detail ?? text ?? response.statusText;
      const hint = response.status === 401 ? ' (check OPERATOR_TOKEN or .data/operator-token)' : '';
      return { code: 1, out: '', err: `Error ${response.status}: ${detail}${hint}` };
    }
    return {
      code: 0,
      out: options.has('json') ? JSON.stringify(body ?? null, null, 2) : render(positional, body),
      err: '',
    };
  } catch (error) {
    if (error instanceof CliError)
      return { code: 2, out: '', err: `Error: ${error.message}\nRun with --help for usage.` };
    return { code: 1, out: '', err: `Error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then(({ code, out, err }) => {
    if (out) process.stdout.write(`${out}\n`);
    if (err) process.stderr.write(`${err}\n`);
    process.exitCode = code;
  });
}
