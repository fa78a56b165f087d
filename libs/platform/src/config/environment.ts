import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Applies decorators as if stacked in this order (TypeScript applies a stack bottom up): errors list alike. */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

/** A whole number from `min` (to `max`). */
const IntSetting = (min: number, max?: number) =>
  stacked(Transform(toInt), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

/** A setting that may be unset (an empty value is unset): any text, or text matching `pattern`. */
const OptionalSetting = (pattern?: RegExp, message?: string) =>
  stacked(IsOptional(), Transform(emptyToUndefined), pattern ? Matches(pattern, { message }) : IsString());

/** A Kafka topic name. */
const TopicSetting = () => stacked(IsString(), Matches(/^[A-Za-z0-9._-]+$/));

/**
 * Every setting of the service, one environment variable each. Defaults are the embedded
 * quickstart's. Documented in README.md ("Configuration"); keep the two in step.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IntSetting(0, 65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  /** Absolute base URL clients reach us at; SCIM URLs and meta.location are built from it. */
  @OptionalSetting(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'must be an absolute http(s) URL')
  PUBLIC_BASE_URL?: string;

  @OptionalSetting(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')
  DATABASE_URL?: string;

  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  @IsString()
  DATA_DIR: string = '.data';

  @IsIn(['postgres', 'eventstoredb'])
  EVENT_STORE: 'postgres' | 'eventstoredb' = 'postgres';

  @OptionalSetting(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\/\S+$/, 'must be an esdb:// connection string')
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Comma-separated host:port list. Unset: nothing is published and events wait in the store. */
  @OptionalSetting(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'must be host:port[,host:port...]')
  KAFKA_BROKERS?: string;

  @IsString()
  KAFKA_CLIENT_ID: string = 'scim-service';

  @TopicSetting()
  KAFKA_TOPIC_USER_LIFECYCLE: string = 'scim.user-lifecycle.v1';

  @TopicSetting()
  KAFKA_TOPIC_ROLE_CHANGES: string = 'scim.role-changes.v1';

  @TopicSetting()
  KAFKA_TOPIC_AUDIT_LOG: string = 'scim.audit-log.v2';

  @IntSetting(1, 1000)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  @IntSetting(1, 10)
  KAFKA_REPLICATION_FACTOR: number = 1;

  /** Readiness fails when the publisher is this many events behind the log. */
  @IntSetting(1)
  PUBLISHER_MAX_LAG_EVENTS: number = 10000;

  @IntSetting(1, 10000)
  PUBLISHER_BATCH_SIZE: number = 1000;

  @IntSetting(1, 10000)
  PROJECTOR_BATCH_SIZE: number = 1000;

  /**
   * Where the all-in-one service runs its followers (projector, audit projector, publisher):
   * `main-thread` (on the gateway's event loop) or `worker-threads` (two threads beside it, so a
   * catch-up uses another core: about twice as fast after a bulk load, for ~160 MB more resident
   * memory; docs/architecture.md). Deployed apart (deploy/k8s), each follower has its own process.
   */
  @IsIn(['worker-threads', 'main-thread'])
  ALL_IN_ONE_FOLLOWERS: 'worker-threads' | 'main-thread' = 'main-thread';

  /** How long a write waits for the read model before answering (read-your-writes bound). */
  @IntSetting(0, 60000)
  READ_YOUR_WRITES_TIMEOUT_MS: number = 5000;

  /** Bearer token of the operator (admin API). Unset in embedded mode: one is generated and printed. */
  @OptionalSetting()
  @Matches(/^(?!.*change-me).{24,}$/i, {
    message:
      'must be at least 24 random characters, not the placeholder of deploy/k8s/config.yaml (openssl rand -hex 24)',
  })
  OPERATOR_TOKEN?: string;

  /**
   * How long a gateway may use a tenant's SCIM settings and key hashes without reading its
   * stream, at most: a change is normally heard at once (LISTEN/NOTIFY); this bounds a missed
   * one. 0 turns the cache off (every SCIM request reads the tenant stream).
   */
  @IntSetting(0, 60000)
  AUTH_CACHE_TTL_MS: number = 5000;

  @IntSetting(1)
  RATE_LIMIT_PER_SECOND: number = 200;

  @IntSetting(1)
  RATE_LIMIT_BURST: number = 1000;

  @IntSetting(1, 10000)
  SCIM_MAX_RESULTS: number = 1000;

  /** statement_timeout of the read queries that answer clients (SCIM reads, the audit API); past it, 503. */
  @IntSetting(100, 600000)
  QUERY_TIMEOUT_MS: number = 10000;

  @IntSetting(1, 10000)
  BULK_MAX_OPERATIONS: number = 1000;

  @IntSetting(1024)
  MAX_PAYLOAD_BYTES: number = 1048576;

  @IntSetting(1)
  PROVISIONING_LOG_RETENTION_DAYS: number = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * The key-encryption key that wraps every person's data key (docs/erasure.md): 32 bytes in
   * base64. Checked at start. Unset (with KEY_ENCRYPTION_KEY_FILE unset too): a key generated
   * into DATA_DIR on first start, refused in production with an external database.
   */
  @OptionalSetting()
  KEY_ENCRYPTION_KEY?: string;

  /** A file holding KEY_ENCRYPTION_KEY (e.g. a mounted secret); it must exist. */
  @OptionalSetting()
  KEY_ENCRYPTION_KEY_FILE?: string;

  /**
   * During a KEK rotation: the previous keys (comma-separated), still accepted to unwrap until `keys rewrap` moved
   * every data key.
   */
  @OptionalSetting()
  KEY_ENCRYPTION_KEY_PREVIOUS?: string;

  /** Unwrapped data keys kept in memory per process. */
  @IntSetting(1, 10000000)
  PERSONAL_DATA_KEY_CACHE_SIZE: number = 20000;

  /** `off-for-benchmarks` stores personal data in clear: only to measure what encryption costs (npm run bench). */
  @IsIn(['on', 'off-for-benchmarks'])
  PERSONAL_DATA_ENCRYPTION: 'on' | 'off-for-benchmarks' = 'on';
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigurationError';
  }
}

/** Parses and checks the environment; throws a ConfigurationError naming each bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.map((error) => {
    const message = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
    const text = message.startsWith(error.property) ? message.slice(error.property.length).trim() : message;
    return `${error.property}=${JSON.stringify(raw[error.property] ?? '')}: ${text}`;
  });
  if (env.EVENT_STORE === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb');
  }
  if (problems.length) throw new ConfigurationError(problems);
  return env;
}
