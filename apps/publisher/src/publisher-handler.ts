import type { Pool } from 'pg';
import type { RecordedEvent } from '@lib/event-store';
import { EventFailure, type ApplyRequest, type FollowerHandler } from '@lib/follower';
import {
  ContractValidator,
  DeliveryError,
  groupByTopic,
  mapEvent,
  MembershipState,
  requiredState,
  topicSpecs,
  type MessageProducer,
  type OutgoingMessage,
  type RoutedMessage,
  type TopicNames,
} from '@lib/messaging';
import type { PublisherStore } from './publisher-store';

export interface PublisherHandlerOptions {
  topics: TopicNames;
  /** Used when the topics are created at start (only those that are missing). */
  partitions?: number;
  replicationFactor?: number;
  name?: string;
  /** Checks every message against contracts/kafka before it is sent (a mismatch is a bug: the event is parked). */
  validateMessages?: boolean;
}

export const DEFAULT_PUBLISHER_NAME = 'scim-integration-events';

/** How long a ping waits for the cluster (below the health controller's 3 s bound). */
const KAFKA_PING_TIMEOUT_MS = 2000;

/**
 * Integration messages to Kafka as a follower. Per batch: map every event (fan-outs read the
 * publisher's own membership state), send all topics in one produce request, and only after the
 * broker acknowledged everything commit the state and the checkpoint: at-least-once, messageId
 * as the consumers' dedupe key, across restarts and failovers alike.
 *
 * A broker that is down is transient (the runtime backs off). A message the broker will never
 * take (too large, not authorised) or that breaks its contract names its event, which is parked.
 */
export class PublisherHandler implements FollowerHandler {
  readonly name: string;
  /** Messages carry ids, `active` and the paths of changes, never a personal value (mapEvent). */
  readonly personalData = 'sealed';
  private readonly validator?: ContractValidator;
  publishedMessages = 0;

  constructor(
    private readonly producer: MessageProducer,
    private readonly store: PublisherStore,
    private readonly options: PublisherHandlerOptions,
  ) {
    this.name = options.name ?? DEFAULT_PUBLISHER_NAME;
    this.validator = options.validateMessages === false ? undefined : new ContractValidator();
  }

  checkpoint(pool: Pool): Promise<number> {
    return this.store.load(pool, this.name);
  }

  async prepare(): Promise<void> {
    const { topics, partitions = 6, replicationFactor = 1 } = this.options;
    await this.producer.ensureTopics(topicSpecs(topics, partitions, replicationFactor));
  }

  async ping(): Promise<void> {
    await this.producer.checkConnection(KAFKA_PING_TIMEOUT_MS);
  }

  isTransient(error: unknown): boolean {
    if (error instanceof DeliveryError) return !error.permanent;
    // kafkajs errors that were not turned into a DeliveryError (connecting, metadata): the broker, not the event.
    return error instanceof Error && error.name.startsWith('KafkaJS');
  }

  async apply(request: ApplyRequest): Promise<void> {
    const { events } = request;
    const state = new MembershipState(
      events.length
        ? await this.store.loadState(this.name, requiredState([...events]))
        : { memberships: [], roleNames: [] },
    );
    const routed = events.flatMap((event) => this.map(event, state));
    await this.send(routed, events);
    await request.transaction((client) =>
      this.store.commit(client, this.name, request.from, request.through, state.changes()),
    );
    this.publishedMessages += routed.length;
  }

  private map(event: RecordedEvent, state: MembershipState): RoutedMessage[] {
    try {
      const routed = mapEvent(event, state);
      for (const r of routed) this.validator?.assertValid(r.message);
      return routed;
    } catch (error) {
      throw new EventFailure(event, `MAPPING_FAILED: ${(error as Error).message}`, { cause: error });
    }
  }

  private async send(routed: RoutedMessage[], events: readonly RecordedEvent[]): Promise<void> {
    const byTopic = groupByTopic(routed, this.options.topics);
    try {
      await this.producer.sendBatch(
        [...byTopic].map(([topic, entries]) => ({ topic, messages: entries.map((e) => e.outgoing) })),
      );
    } catch (error) {
      if (!(error instanceof DeliveryError) || !error.permanent) throw error;
      // The broker refuses something in this batch for good: find which message (and so which
      // event) by sending one at a time. Those before it are re-sent: duplicates, never losses.
      for (const [topic, entries] of byTopic) {
        for (const entry of entries) await this.sendOne(topic, entry.outgoing, entry.routed, events);
      }
      throw error;
    }
  }

  private async sendOne(
    topic: string,
    message: OutgoingMessage,
    routed: RoutedMessage,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    try {
      await this.producer.send(topic, [message]);
    } catch (error) {
      const event = events.find((e) => e.eventId === routed.message.eventId);
      if (error instanceof DeliveryError && error.permanent && event) {
        throw new EventFailure(event, `${error.reason}: ${routed.message.type} to ${topic} refused by the broker`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
