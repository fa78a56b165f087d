import { ContractValidator } from '../contracts/contract-validator';
import type { IntegrationMessage, IntegrationMessageType } from '../contracts/integration-messages';
import type { IncomingMessage } from '../ports/message';
import type { MessageConsumer } from '../ports/message-consumer';
import { InMemoryLruSeenStore, type SeenStore } from './seen-store';

type MessageOf<T extends IntegrationMessageType> = Extract<IntegrationMessage, { type: T }>;

/** One handler per message type; types without a handler are skipped (acknowledged). */
export type TypedHandlers = {
  [T in IntegrationMessageType]?: (message: MessageOf<T>, raw: IncomingMessage) => Promise<void>;
};

export type HandleOutcome = 'handled' | 'duplicate' | 'unhandled' | 'invalid';

export interface TypedConsumerOptions {
  handlers: TypedHandlers;
  seen?: SeenStore;
  validator?: ContractValidator;
  /**
   * A message that fails its schema cannot be fixed by redelivery. Default: report and skip it
   * (a consumer must not be blocked by one bad message); pass a function that throws to stop instead.
   */
  onInvalid?: (raw: IncomingMessage, problems: string[]) => void | Promise<void>;
}

/**
 * For downstream services: parses, validates against the published schema, drops duplicates by
 * messageId, and calls the handler of the message's type. Use `handle` from any client, or
 * `run(consumer, topics)` with our MessageConsumer.
 */
export class TypedMessageHandler {
  private readonly seen: SeenStore;
  private readonly validator: ContractValidator;

  constructor(private readonly options: TypedConsumerOptions) {
    this.seen = options.seen ?? new InMemoryLruSeenStore();
    this.validator = options.validator ?? new ContractValidator();
  }

  async handle(raw: IncomingMessage): Promise<HandleOutcome> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.value?.toString('utf8') ?? 'null');
    } catch (error) {
      await this.invalid(raw, [`not JSON: ${(error as Error).message}`]);
      return 'invalid';
    }
    const problems = this.validator.problems(parsed);
    if (problems.length) {
      await this.invalid(raw, problems);
      return 'invalid';
    }
    const message = parsed as IntegrationMessage;
    if (await this.seen.has(message.messageId)) return 'duplicate';
    const handler = this.options.handlers[message.type] as
      | ((m: IntegrationMessage, r: IncomingMessage) => Promise<void>)
      | undefined;
    if (!handler) return 'unhandled';
    await handler(message, raw);
    // Remembered only after the handler succeeded: a failed handler sees the redelivery.
    await this.seen.add(message.messageId);
    return 'handled';
  }

  run(consumer: MessageConsumer, topics: string[], fromBeginning = false): Promise<void> {
    return consumer.run({ topics, fromBeginning, onMessage: async (raw) => void (await this.handle(raw)) });
  }

  private async invalid(raw: IncomingMessage, problems: string[]): Promise<void> {
    if (this.options.onInvalid) return void (await this.options.onInvalid(raw, problems));
    process.emitWarning(`skipping invalid message ${raw.topic}/${raw.partition}@${raw.offset}: ${problems.join('; ')}`);
  }
}
