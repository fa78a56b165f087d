import type { TopicNames } from '../contracts/topics';
import { MessageHeaderNames as H } from '../contracts/topics';
import type { OutgoingMessage } from '../ports/message';
import type { RoutedMessage } from './map-event';

/** The wire form: JSON body, and headers that let a consumer route and de-duplicate without parsing it. */
export function toOutgoing(routed: RoutedMessage): OutgoingMessage {
  const m = routed.message;
  return {
    key: routed.key,
    value: JSON.stringify(m),
    headers: {
      [H.messageId]: m.messageId,
      [H.eventId]: m.eventId,
      [H.eventType]: m.type,
      [H.schemaVersion]: String(m.version),
      [H.tenantId]: m.tenantId,
      [H.contentType]: 'application/json',
    },
  };
}

/** Groups a batch per topic name, keeping the batch order within each topic (and so within each key). */
export function groupByTopic(
  messages: RoutedMessage[],
  names: TopicNames,
): Map<string, Array<{ routed: RoutedMessage; outgoing: OutgoingMessage }>> {
  const byTopic = new Map<string, Array<{ routed: RoutedMessage; outgoing: OutgoingMessage }>>();
  for (const routed of messages) {
    const topic = names[routed.topic];
    const list = byTopic.get(topic) ?? [];
    list.push({ routed, outgoing: toOutgoing(routed) });
    byTopic.set(topic, list);
  }
  return byTopic;
}
