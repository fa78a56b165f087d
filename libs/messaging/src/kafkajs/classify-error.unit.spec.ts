import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { toDeliveryError } from './classify-error';

describe('toDeliveryError', () => {
  it('treats a too-large message as permanent, however deeply kafkajs wraps it', () => {
    const protocol = new KafkaJSProtocolError({
      type: 'MESSAGE_TOO_LARGE',
      code: 10,
      retriable: false,
      message: 'too large',
    } as never);
    const wrapped = new (KafkaJSNonRetriableError as unknown as new (e: Error, o: object) => Error)(protocol, {
      cause: protocol,
    });
    const error = toDeliveryError(wrapped, 'topic');
    expect(error.permanent).toBe(true);
    expect(error.reason).toBe('MESSAGE_TOO_LARGE');
  });

  it('treats an unreachable broker as transient', () => {
    const connection = new KafkaJSConnectionError('Connection refused');
    const error = toDeliveryError(
      new KafkaJSNumberOfRetriesExceeded(connection, { retryCount: 5, retryTime: 100 } as never),
      'topic',
    );
    expect(error.permanent).toBe(false);
  });
});
