import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { Environment, validateEnvironment } from './environment';

const root = join(__dirname, '..', '..', '..', '..');

interface ComposeFile {
  services: Record<string, { command?: string[]; environment?: Record<string, string | number>; build?: unknown }>;
}

const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as ComposeFile;
const apps = ['scim-gateway', 'projector', 'publisher'];
const knownVariables = new Set(
  Object.keys(new Environment()).concat([
    'NODE_ENV',
    'DATABASE_URL',
    'EVENTSTORE_CONNECTION_STRING',
    'KAFKA_BROKERS',
    'PUBLIC_BASE_URL',
    'OPERATOR_TOKEN',
  ]),
);

/** Compose's `${VAR:?message}` needs the variable from the user; give it a valid stand-in. */
function resolveInterpolation(value: string | number): string {
  return String(value).replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'x'.repeat(32));
}

describe('docker-compose.yml stays consistent with the configuration schema', () => {
  it.each(apps)('%s is built from deploy/docker/Dockerfile and runs its own entry point', (name) => {
    const service = compose.services[name];
    expect(service.build).toEqual({ context: '.', dockerfile: 'deploy/docker/Dockerfile' });
    const entry = service.command!.join(' ');
    expect(entry).toContain(`dist/apps/${name}/src/main.js`);
  });

  it.each(apps)('%s sets only known variables, and they validate', (name) => {
    const environment = compose.services[name].environment!;
    for (const key of Object.keys(environment)) expect(knownVariables).toContain(key);
    const resolved = Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [key, resolveInterpolation(value)]),
    );
    expect(() => validateEnvironment(resolved)).not.toThrow();
  });

  it('runs PostgreSQL, EventStoreDB (KurrentDB image) and Kafka in KRaft mode', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'eventstore', 'kafka']));
    expect(JSON.stringify(compose.services.eventstore)).toMatch(/kurrentdb|eventstore/i);
    expect(compose.services.kafka.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });
});
