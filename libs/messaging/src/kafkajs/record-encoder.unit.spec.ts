import { encodeRecord, KAFKAJS_VERSION_ENCODED, type RecordInput } from './record-encoder';

// kafkajs' own record encoder and decoder (jest's module registry is not Node's require.cache, so these are the
// originals even where installRecordEncoder has run).
const kafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (input: RecordInput) => {
  buffer: Buffer;
};
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => { readVarIntBytes(): Buffer };
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  decoder: unknown,
  batchContext: Record<string, unknown>,
) => { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | Buffer[]>; offset: string };

const cases: Array<[string, RecordInput]> = [
  [
    'a message as the publisher sends it',
    {
      offsetDelta: 3,
      timestampDelta: 0,
      key: 'acme:0f8e2f7e-1c4b-4b1e-9a35-6f7b9a4c2d10',
      value: JSON.stringify({ type: 'user.deactivated', data: { userId: 'u1' } }),
      headers: {
        messageId: 'b3c1',
        type: 'user.deactivated',
        version: '1',
        tenantId: 'acme',
        eventId: '5a1e',
        correlationId: 'r-1',
      },
    },
  ],
  ['no key, no value, no headers', { key: null, value: null }],
  ['undefined key and a Buffer value', { value: Buffer.from([0, 1, 2, 255]) }],
  ['non-ASCII text', { key: 'ключ', value: 'zoë 🦉', headers: { é: 'ü', empty: '' } }],
  ['a header with several values', { value: 'v', headers: { a: ['1', '2'], b: Buffer.from('3') } }],
  ['a large offset and a long value', { offsetDelta: 70_000, value: 'x'.repeat(20_000) }],
  ['negative and large timestamp deltas', { timestampDelta: -5, value: 'v' }],
  ['a delta beyond 32 bits', { timestampDelta: 2 ** 40 + 7, value: 'v' }],
  ['a negative delta beyond 32 bits', { timestampDelta: -(2 ** 35), value: 'v' }],
];

describe('the Kafka record encoder', () => {
  it('is checked against the installed kafkajs release', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe(KAFKAJS_VERSION_ENCODED);
  });

  it.each(cases)('writes the same bytes as kafkajs: %s', (_, input) => {
    expect(encodeRecord(input).buffer.equals(kafkajsRecord(input).buffer)).toBe(true);
  });

  it('is read back by kafkajs as what was written', () => {
    const input = cases[0]![1];
    // As kafkajs' batch decoder does: the length-prefixed record, then its fields.
    const body = new Decoder(encodeRecord(input).buffer).readVarIntBytes();
    const decoded = decodeRecord(new Decoder(body), {
      firstOffset: '0',
      firstTimestamp: '0',
      magicByte: 2,
      isControlBatch: false,
      isTransactional: false,
    });
    expect(decoded.key!.toString()).toBe(input.key);
    expect(decoded.value!.toString()).toBe(input.value);
    expect(Object.fromEntries(Object.entries(decoded.headers).map(([k, v]) => [k, String(v)]))).toEqual(input.headers);
  });
});
