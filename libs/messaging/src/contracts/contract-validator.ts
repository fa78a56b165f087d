import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MESSAGE_VERSIONS, type IntegrationMessageType } from './integration-messages';

/**
 * Where the public contract lives: contracts/kafka at the repository root, found from this file
 * (sources, or dist/ one level deeper) or from the working directory.
 */
export const CONTRACTS_DIR =
  [
    resolve(__dirname, '..', '..', '..', '..', 'contracts', 'kafka'),
    resolve(__dirname, '..', '..', '..', '..', '..', 'contracts', 'kafka'),
    resolve(process.cwd(), 'contracts', 'kafka'),
  ].find((dir) => existsSync(join(dir, 'asyncapi.json'))) ?? resolve(process.cwd(), 'contracts', 'kafka');

export const schemaFileName = (type: string, version: number): string => `${type}.v${version}.schema.json`;

export class ContractViolationError extends Error {
  constructor(
    readonly messageType: string,
    readonly problems: string[],
  ) {
    super(`${messageType} does not match its schema: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

/** Validates integration messages against the JSON Schemas in contracts/kafka (ajv, draft-07). */
export class ContractValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(dir: string = CONTRACTS_DIR) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // Superseded versions (contracts/kafka/superseded) still validate what older releases published.
    const superseded = join(dir, 'superseded');
    const files = [
      ...(existsSync(superseded)
        ? readdirSync(superseded)
            .filter((f) => f.endsWith('.schema.json'))
            .map((f) => ({ name: f, path: join(superseded, f) }))
        : []),
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.schema.json'))
        .map((f) => ({ name: f, path: join(dir, f) })),
    ];
    for (const file of files) ajv.addSchema(JSON.parse(readFileSync(file.path, 'utf8')), file.path);
    for (const file of files) {
      const validate = ajv.getSchema(file.path);
      if (validate) this.validators.set(file.name, validate);
    }
    for (const [type, version] of Object.entries(MESSAGE_VERSIONS)) {
      if (!this.validators.has(schemaFileName(type, version)))
        throw new Error(`no schema file for ${type} v${version} in ${dir}`);
    }
  }

  /** The problems of `message` against the schema its own type and version name; [] when valid. */
  problems(message: unknown): string[] {
    const { type, version } = (message ?? {}) as { type?: unknown; version?: unknown };
    if (typeof type !== 'string' || typeof version !== 'number') return ['type and version are required'];
    const validate = this.validators.get(schemaFileName(type, version));
    if (!validate) return [`unknown message type ${type} v${version}`];
    if (validate(message)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }

  assertValid(message: unknown): void {
    const problems = this.problems(message);
    if (problems.length) throw new ContractViolationError(String((message as { type?: unknown })?.type), problems);
  }

  knownTypes(): IntegrationMessageType[] {
    return Object.keys(MESSAGE_VERSIONS) as IntegrationMessageType[];
  }
}
