import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { getMetadataStorage } from 'class-validator';
import { loadAll } from 'js-yaml';
import { HealthController } from '../health/health.controller';
import { Environment, validateEnvironment } from './environment';

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'deploy', 'k8s');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: Record<string, unknown>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  command: string[];
  env?: unknown[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}
interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels: Record<string, string> };
  template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
}

const manifests: Manifest[] = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) => loadAll(readFileSync(join(dir, file), 'utf8')) as Manifest[])
  .filter(Boolean);
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const deployments = ofKind('Deployment');

/** Every variable the configuration schema declares (class-validator metadata of Environment). */
const schemaVariables = new Set(
  getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .map((m) => m.propertyName),
);

/** The real routes of the health controller: `/health/live`, `/health/ready`, ... */
function healthRoutes(): Set<string> {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const routes = Object.getOwnPropertyNames(HealthController.prototype)
    .map(
      (name) =>
        Reflect.getMetadata(PATH_METADATA, (HealthController.prototype as unknown as Record<string, object>)[name]) as
          | string
          | undefined,
    )
    .filter((path): path is string => typeof path === 'string');
  return new Set(routes.map((path) => `/${base}/${path}`));
}

describe('deploy/k8s manifests stay consistent with the configuration schema and the routes', () => {
  const configMaps = ofKind('ConfigMap');
  const secrets = ofKind('Secret');
  const asShipped = { ...configMaps[0]?.data, ...secrets[0]?.stringData };
  // As deployed: the operator has replaced the Secret's placeholders, which the service refuses.
  const config = { ...asShipped, OPERATOR_TOKEN: 'f'.repeat(48) };

  it(
    'take all configuration from one ConfigMap and one Secret, every key a variable of the schema, and ' +
      'together they validate',
    () => {
      expect(configMaps).toHaveLength(1);
      expect(secrets).toHaveLength(1);
      expect(schemaVariables.size).toBeGreaterThan(20);
      for (const key of Object.keys(asShipped))
        expect({ key, known: schemaVariables.has(key) }).toEqual({ key, known: true });
      expect(() => validateEnvironment(config)).not.toThrow();
      expect(validateEnvironment(config)).toMatchObject({ HOST: '0.0.0.0', EVENT_STORE: 'postgres' });
      expect(() => validateEnvironment(asShipped)).toThrow(/OPERATOR_TOKEN.*placeholder/);
    },
  );

  it.each(['scim-gateway', 'projector', 'publisher'])(
    '%s runs its own entry point with replicas, and its pods read that ConfigMap and Secret only',
    (app) => {
      const deployment = deployments.find((d) => d.metadata.name === app)!;
      expect(deployment).toBeDefined();
      const spec = deployment.spec as unknown as DeploymentSpec;
      expect(spec.replicas).toBeGreaterThanOrEqual(2);
      expect(spec.template.metadata.labels).toMatchObject(spec.selector.matchLabels);
      const [container] = spec.template.spec.containers;
      const entry = container!.command.find((part) => part.startsWith('dist/'))!;
      expect(entry).toBe(`dist/apps/${app}/src/main.js`);
      expect(existsSync(join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      expect(container!.env).toBeUndefined();
      expect(container!.envFrom).toEqual([
        { configMapRef: { name: configMaps[0]!.metadata.name } },
        { secretRef: { name: secrets[0]!.metadata.name } },
      ]);
    },
  );

  it.each(['scim-gateway', 'projector', 'publisher'])(
    '%s has startup, liveness and readiness probes on the real health routes and on the port the app listens on',
    (app) => {
      const spec = deployments.find((d) => d.metadata.name === app)!.spec as unknown as DeploymentSpec;
      const container = spec.template.spec.containers[0]!;
      const routes = healthRoutes();
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
        expect(routes).toContain(probe!.httpGet!.path);
        const port = container.ports!.find(
          (p) => p.name === probe!.httpGet!.port || p.containerPort === probe!.httpGet!.port,
        )!;
        expect(port.containerPort).toBe(validateEnvironment(config).PORT);
      }
    },
  );

  it('gives every Deployment a PodDisruptionBudget that selects its pods and keeps one running', () => {
    for (const deployment of deployments) {
      const spec = deployment.spec as unknown as DeploymentSpec;
      const budget = ofKind('PodDisruptionBudget').find((p) => p.metadata.name === deployment.metadata.name)!;
      expect(budget).toBeDefined();
      expect((budget.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels).toEqual(
        spec.selector.matchLabels,
      );
      expect((budget.spec as { minAvailable: number }).minAvailable).toBeGreaterThanOrEqual(1);
      expect((budget.spec as { minAvailable: number }).minAvailable).toBeLessThan(spec.replicas);
    }
  });

  it('lists every manifest in the kustomization', () => {
    const kustomization = loadAll(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0] as { resources: string[] };
    expect(kustomization.resources.sort()).toEqual(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .sort(),
    );
  });
});
