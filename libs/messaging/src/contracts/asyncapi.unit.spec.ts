import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS_DIR, ContractValidator, schemaFileName } from './contract-validator';
import { MESSAGE_VERSIONS } from './integration-messages';
import { DEFAULT_TOPIC_NAMES, MessageHeaderNames } from './topics';

interface AsyncApiDoc {
  asyncapi: string;
  channels: Record<string, { subscribe: { message: { $ref?: string; oneOf?: Array<{ $ref: string }> } } }>;
  components: {
    schemas: { headers: { required: string[] } };
    messages: Record<
      string,
      { payload: { $ref: string }; headers: { $ref: string }; bindings: { kafka: { key: unknown } } }
    >;
  };
}

const doc = JSON.parse(readFileSync(join(CONTRACTS_DIR, 'asyncapi.json'), 'utf8')) as AsyncApiDoc;
const schemaFiles = readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.schema.json') && !f.startsWith('envelope.'));

describe('the AsyncAPI document', () => {
  it('is AsyncAPI 2.6 with the three default topics', () => {
    expect(doc.asyncapi).toBe('2.6.0');
    expect(Object.keys(doc.channels).sort()).toEqual(Object.values(DEFAULT_TOPIC_NAMES).sort());
  });

  it('references every message schema file, and only files that exist', () => {
    const referenced = Object.values(doc.components.messages).map((m) => m.payload.$ref.replace(/^\.\//, ''));
    expect(referenced.sort()).toEqual(schemaFiles.sort());
    expect(schemaFiles.sort()).toEqual(
      Object.entries(MESSAGE_VERSIONS)
        .map(([t, v]) => schemaFileName(t, v))
        .sort(),
    );
  });

  it('puts every message on a channel, with a key and the documented headers', () => {
    const onChannels = Object.values(doc.channels).flatMap((c) =>
      (c.subscribe.message.oneOf ?? [c.subscribe.message]).map((m) => m.$ref),
    );
    expect(onChannels.sort()).toEqual(
      Object.keys(doc.components.messages)
        .map((n) => `#/components/messages/${n}`)
        .sort(),
    );
    for (const message of Object.values(doc.components.messages)) {
      expect(message.headers.$ref).toBe('#/components/schemas/headers');
      expect(message.bindings.kafka.key).toBeDefined();
    }
    expect(doc.components.schemas.headers.required.sort()).toEqual(Object.values(MessageHeaderNames).sort());
  });

  it('has schemas that compile with ajv', () => {
    expect(() => new ContractValidator()).not.toThrow();
  });

  it('rejects a message that breaks its schema', () => {
    const problems = new ContractValidator().problems({ type: 'user.deactivated', version: 1, tenantId: 't' });
    expect(problems.length).toBeGreaterThan(0);
  });
});
