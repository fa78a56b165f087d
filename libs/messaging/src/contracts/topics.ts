import type { TopicSpec } from '../ports/message';

/** The three public topics, by role. Names are configurable; these are the defaults. */
export type TopicRole = 'userLifecycle' | 'roleChanges' | 'auditLog';
export type TopicNames = Record<TopicRole, string>;

export const DEFAULT_TOPIC_NAMES: Readonly<TopicNames> = {
  userLifecycle: 'scim.user-lifecycle.v1',
  roleChanges: 'scim.role-changes.v1',
  // v2: from this version on no message carries personal values; v1 (retention forever) did.
  auditLog: 'scim.audit-log.v2',
};

/** Header names of every message (documented in contracts/kafka/asyncapi.json). */
export const MessageHeaderNames = {
  messageId: 'message-id',
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  tenantId: 'tenant-id',
  contentType: 'content-type',
} as const;

export function topicNamesFromConfig(config: {
  KAFKA_TOPIC_USER_LIFECYCLE: string;
  KAFKA_TOPIC_ROLE_CHANGES: string;
  KAFKA_TOPIC_AUDIT_LOG: string;
}): TopicNames {
  return {
    userLifecycle: config.KAFKA_TOPIC_USER_LIFECYCLE,
    roleChanges: config.KAFKA_TOPIC_ROLE_CHANGES,
    auditLog: config.KAFKA_TOPIC_AUDIT_LOG,
  };
}

export function topicSpecs(names: TopicNames, partitions: number, replicationFactor: number): TopicSpec[] {
  return Object.values(names).map(
    (topic): TopicSpec => ({
      topic,
      partitions,
      replicationFactor,
      // The audit log is a compliance record: keep it; lifecycle and role topics use broker defaults.
      config: topic === names.auditLog ? { 'retention.ms': '-1' } : ({} as Record<string, string>),
    }),
  );
}
