export type { IncomingMessage, MessageHeaders, OutgoingMessage, TopicSpec } from './ports/message';
export type { MessageProducer } from './ports/message-producer';
export { MESSAGE_PRODUCER } from './ports/message-producer';
export type { ConsumeOptions, MessageConsumer } from './ports/message-consumer';
export { DeliveryError } from './errors';

export type { KafkaConnectionOptions, KafkaLogLevelName } from './kafkajs/kafka-connection';
export { parseBrokers } from './kafkajs/kafka-connection';
export { KafkaJsProducer } from './kafkajs/kafkajs-producer';
export { KafkaJsConsumer } from './kafkajs/kafkajs-consumer';

export * from './contracts/integration-messages';
export * from './contracts/topics';
export {
  ContractValidator,
  ContractViolationError,
  CONTRACTS_DIR,
  schemaFileName,
} from './contracts/contract-validator';

export type { RoutedMessage } from './mapping/map-event';
export { mapEvent, requiredState } from './mapping/map-event';
export type { MembershipRow, RoleNameRow, StateChanges, StateKeys } from './mapping/membership-state';
export { MembershipState } from './mapping/membership-state';
export { groupByTopic, toOutgoing } from './mapping/to-outgoing';
export { deterministicMessageId } from './mapping/message-id';

export type { SeenStore } from './consumer/seen-store';
export { InMemoryLruSeenStore } from './consumer/seen-store';
export type { HandleOutcome, TypedConsumerOptions, TypedHandlers } from './consumer/typed-consumer';
export { TypedMessageHandler } from './consumer/typed-consumer';

export { InMemoryProducer } from './testing/in-memory-producer';
export { publisherMigrations } from './publisher-state/migrations';
