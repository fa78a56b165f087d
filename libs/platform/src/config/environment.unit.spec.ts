import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('gives the embedded quickstart defaults for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.KAFKA_BROKERS).toBeUndefined();
    expect(env.EVENT_STORE).toBe('postgres');
    expect(env.KAFKA_TOPIC_USER_LIFECYCLE).toBe('scim.user-lifecycle.v1');
  });

  it('parses numbers and keeps valid values', () => {
    const env = validateEnvironment({
      PORT: '8080',
      KAFKA_BROKERS: 'a:9092,b:9093',
      DATABASE_URL: 'postgres://u:p@h:5432/db',
    });
    expect(env.PORT).toBe(8080);
    expect(env.KAFKA_BROKERS).toBe('a:9092,b:9093');
  });

  it('names every malformed variable in one line each', () => {
    try {
      validateEnvironment({ PORT: 'eighty', KAFKA_BROKERS: 'no-port', DATABASE_URL: 'mysql://x' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const problems = (error as ConfigurationError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('PORT='))).toBeDefined();
      expect(problems.find((p) => p.startsWith('KAFKA_BROKERS='))).toContain('host:port');
      expect(problems.find((p) => p.startsWith('DATABASE_URL='))).toContain('postgres://');
    }
  });

  it('refuses the operator token placeholder of the Kubernetes Secret (a token anyone can read)', () => {
    expect(() => validateEnvironment({ OPERATOR_TOKEN: 'change-me-to-at-least-24-random-characters' })).toThrow(
      /OPERATOR_TOKEN.*placeholder/,
    );
    expect(validateEnvironment({ OPERATOR_TOKEN: 'a'.repeat(24) }).OPERATOR_TOKEN).toBe('a'.repeat(24));
  });

  it('requires the EventStoreDB connection string when that store is chosen', () => {
    expect(() => validateEnvironment({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});
