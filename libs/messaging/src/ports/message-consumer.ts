import type { IncomingMessage } from './message';

export interface ConsumeOptions {
  topics: string[];
  /** Start from the earliest retained message when the group has no committed offset. */
  fromBeginning?: boolean;
  /**
   * Called once per message, in partition order. The offset is committed only after the
   * promise resolves, so a crash redelivers (at-least-once); a rejection makes the client
   * retry the message.
   */
  onMessage(message: IncomingMessage): Promise<void>;
}

/** Our consumer port (a consumer group member). */
export interface MessageConsumer {
  run(options: ConsumeOptions): Promise<void>;
  close(): Promise<void>;
}
