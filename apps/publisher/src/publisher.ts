import type { EventStore, RecordedEvent } from '@lib/event-store';
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
import { Backoff, Sleeper } from './backoff';
import type { PublisherStore } from './publisher-store';

/** pino's call shape (object first), which the service's LOGGER provides. */
export interface PublisherLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface PublisherOptions {
  topics: TopicNames;
  /** Used when the topics are created at start (only those that are missing). */
  partitions?: number;
  replicationFactor?: number;
  name?: string;
  batchSize?: number;
  /** How often the log is read when there is nothing new. */
  idlePollMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Checks every message against contracts/kafka before it is sent (a mismatch is a bug: it stops the publisher). */
  validateMessages?: boolean;
  logger?: PublisherLogger;
  clock?: () => Date;
}

export type PublisherStatus = 'stopped' | 'running' | 'retrying' | 'failed';

export interface PublisherFailure {
  eventId: string;
  position: number;
  reason: string;
  message: string;
}

export interface PublisherMetrics {
  status: PublisherStatus;
  /** Checkpoint: the last position whose messages the broker acknowledged. */
  lastPublishedPosition: number;
  headPosition: number;
  lagEvents: number;
  /** now − occurredAt of the oldest unpublished event; 0 when caught up. */
  lagSeconds: number;
  publishedMessages: number;
  lastError: string | null;
  failure: PublisherFailure | null;
}

/** The event store as the publisher uses it: reads of the global log only. */
export type PublisherEventSource = Pick<EventStore, 'readAll' | 'headPosition'>;

const silentLogger: PublisherLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

class PermanentEventFailure extends Error {
  constructor(readonly failure: PublisherFailure) {
    super(`event ${failure.eventId} at ${failure.position}: ${failure.reason}: ${failure.message}`);
  }
}

/**
 * Follows the event store's global log from its own checkpoint and produces integration
 * messages to Kafka, batch by batch. The checkpoint (with the membership state the fan-outs
 * need) advances only after the broker acknowledged every message of the batch: at-least-once,
 * messageId as the consumers' dedupe key.
 *
 * Kafka or PostgreSQL unreachable: retried with backoff, forever (events wait in the store).
 * A message the broker will never accept: status 'failed' with the event id and reason, logged,
 * and nothing after it is published until a restart after the cause is fixed. Never skipped.
 */
export class Publisher {
  readonly name: string;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly backoff: Backoff;
  private readonly sleeper = new Sleeper();
  private readonly validator?: ContractValidator;
  private readonly logger: PublisherLogger;
  private readonly clock: () => Date;
  private status: PublisherStatus = 'stopped';
  private position = 0;
  private publishedMessages = 0;
  private lastError: string | null = null;
  private failure: PublisherFailure | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private readonly listeners = new Set<(position: number) => void>();

  constructor(
    private readonly eventStore: PublisherEventSource,
    private readonly producer: MessageProducer,
    private readonly store: PublisherStore,
    private readonly options: PublisherOptions,
  ) {
    this.name = options.name ?? 'scim-integration-events';
    this.batchSize = options.batchSize ?? 500;
    this.idlePollMs = options.idlePollMs ?? 50;
    this.backoff = new Backoff(options.initialBackoffMs ?? 200, options.maxBackoffMs ?? 10_000);
    this.validator = options.validateMessages === false ? undefined : new ContractValidator();
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Returns at once; the loop runs in the background (it may be waiting for Kafka). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.failure = null;
    this.status = 'running';
    this.loop = this.run().finally(() => {
      this.loop = null;
    });
  }

  /** Waits for the batch in flight (so a stop never half-commits), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.loop;
    if (this.status !== 'failed') this.status = 'stopped';
  }

  /** Reads the log now instead of at the next idle poll (e.g. after an append in this process). */
  wake(): void {
    this.sleeper.wake();
  }

  /** Called with the new checkpoint after each acknowledged batch (tests, benchmarks). */
  onPublished(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  health(): { status: PublisherStatus; position: number; lastError: string | null; failure: PublisherFailure | null } {
    return { status: this.status, position: this.position, lastError: this.lastError, failure: this.failure };
  }

  async metrics(): Promise<PublisherMetrics> {
    const headPosition = await this.eventStore.headPosition();
    const [oldest] = headPosition > this.position ? await this.eventStore.readAll({ after: this.position, maxCount: 1 }) : [];
    const lagSeconds = oldest ? Math.max(0, (this.clock().getTime() - Date.parse(oldest.metadata.occurredAt)) / 1000) : 0;
    return {
      status: this.status,
      lastPublishedPosition: this.position,
      headPosition,
      lagEvents: Math.max(0, headPosition - this.position),
      lagSeconds,
      publishedMessages: this.publishedMessages,
      lastError: this.lastError,
      failure: this.failure,
    };
  }

  private async run(): Promise<void> {
    let prepared = false;
    while (!this.stopping) {
      try {
        if (!prepared) {
          await this.prepare();
          prepared = true;
        }
        const events = await this.eventStore.readAll({ after: this.position, maxCount: this.batchSize });
        if (events.length === 0) {
          await this.sleeper.sleep(this.idlePollMs);
          continue;
        }
        await this.publishBatch(events);
        if (this.status === 'retrying') this.logger.info({ publisher: this.name, position: this.position }, 'publisher recovered');
        this.status = 'running';
        this.lastError = null;
        this.backoff.reset();
      } catch (error) {
        if (error instanceof PermanentEventFailure) {
          await this.fail(error.failure);
          return;
        }
        // Re-read the checkpoint after any failure: a commit may or may not have happened.
        prepared = false;
        this.status = 'retrying';
        this.lastError = error instanceof Error ? error.message : String(error);
        const delay = this.backoff.next();
        this.logger.warn({ publisher: this.name, position: this.position, attempt: this.backoff.attempts, delayMs: delay, err: this.lastError }, 'publishing failed; retrying');
        await this.sleeper.sleep(delay);
      }
    }
  }

  private async prepare(): Promise<void> {
    const { topics, partitions = 6, replicationFactor = 1 } = this.options;
    await this.producer.ensureTopics(topicSpecs(topics, partitions, replicationFactor));
    const checkpoint = await this.store.load(this.name);
    if (checkpoint.status === 'failed') {
      this.logger.info({ publisher: this.name, position: checkpoint.position, lastError: checkpoint.lastError }, 'publisher was failed; retrying from its checkpoint');
      await this.store.clearFailure(this.name);
    }
    this.position = checkpoint.position;
    this.logger.info({ publisher: this.name, position: this.position }, 'publisher started');
  }

  private async publishBatch(events: RecordedEvent[]): Promise<void> {
    const state = new MembershipState(await this.store.loadState(this.name, requiredState(events)));
    const routed = events.flatMap((event) => this.map(event, state));
    for (const [topic, entries] of groupByTopic(routed, this.options.topics)) {
      await this.send(topic, entries);
    }
    const from = this.position;
    const to = events[events.length - 1]!.globalPosition;
    await this.store.commit(this.name, from, to, state.changes());
    this.position = to;
    this.publishedMessages += routed.length;
    for (const listener of this.listeners) listener(to);
  }

  private map(event: RecordedEvent, state: MembershipState): RoutedMessage[] {
    try {
      const routed = mapEvent(event, state);
      for (const r of routed) this.validator?.assertValid(r.message);
      return routed;
    } catch (error) {
      throw new PermanentEventFailure({ eventId: event.eventId, position: event.globalPosition, reason: 'MAPPING_FAILED', message: (error as Error).message });
    }
  }

  private async send(topic: string, entries: Array<{ routed: RoutedMessage; outgoing: OutgoingMessage }>): Promise<void> {
    try {
      await this.producer.send(topic, entries.map((e) => e.outgoing));
    } catch (error) {
      if (!(error instanceof DeliveryError) || !error.permanent) throw error;
      // The broker refuses something in this batch for good: find which message (and so which
      // event) by sending one at a time. Those before it are re-sent: duplicates, never losses.
      for (const entry of entries) {
        try {
          await this.producer.send(topic, [entry.outgoing]);
        } catch (single) {
          if (single instanceof DeliveryError && single.permanent) {
            const m = entry.routed.message;
            throw new PermanentEventFailure({ eventId: m.eventId, position: m.position, reason: single.reason, message: `${m.type} to ${topic}: ${single.message}` });
          }
          throw single;
        }
      }
      throw error;
    }
  }

  private async fail(failure: PublisherFailure): Promise<void> {
    this.status = 'failed';
    this.failure = failure;
    this.lastError = `event ${failure.eventId} (position ${failure.position}): ${failure.reason}: ${failure.message}`;
    this.logger.error({ publisher: this.name, checkpoint: this.position, ...failure }, 'publisher stopped: the broker rejects a message permanently');
    await this.store.markFailed(this.name, this.lastError).catch((error: unknown) => {
      this.logger.error({ publisher: this.name, err: String(error) }, 'could not record the publisher failure');
    });
  }
}
