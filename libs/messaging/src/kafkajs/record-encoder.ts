import Module from 'node:module';

/** What kafkajs' produce request hands its record encoder (`src/protocol/recordBatch/record/v0`). */
export interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number;
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: Record<string, Buffer | string | null | Array<Buffer | string | null>>;
}

/** What kafkajs' record batch reads of an encoded record: `buf` (checked to be a Buffer) and `buffer`. */
export interface EncodedRecord {
  buf: Buffer;
  buffer: Buffer;
}

/** The only kafkajs release whose record layout and module path this encoder was checked against. */
export const KAFKAJS_VERSION_ENCODED = '2.2.4';
const RECORD_MODULE = 'kafkajs/src/protocol/recordBatch/record/v0/index.js';
const VARINT_MAX = 5;
const VARLONG_MAX = 10;

/**
 * One Kafka record (message format v2), byte for byte what kafkajs 2.2.4 writes, into one
 * buffer from Node's pool. kafkajs writes each record and each of its headers through an encoder
 * that zero-allocates a 512-byte buffer of its own, and every varint through `Buffer.from([...])`:
 * with six headers per message that is about 20 allocations per message, the largest cost of a
 * catch-up's publishing after the encoding itself (profiled in docs/performance.md).
 */
export function encodeRecord({
  offsetDelta = 0,
  timestampDelta = 0,
  key,
  value,
  headers = {},
}: RecordInput): EncodedRecord {
  const keyBytes = bytesOf(key);
  const valueBytes = bytesOf(value);
  const headerList: Array<[string, Buffer | null]> = [];
  for (const name of Object.keys(headers)) {
    const entry = headers[name];
    if (Array.isArray(entry)) for (const item of entry) headerList.push([name, bytesOf(item)]);
    else headerList.push([name, bytesOf(entry)]);
  }
  let bound = VARINT_MAX + 1 + VARLONG_MAX + VARINT_MAX * 4 + (keyBytes?.length ?? 0) + (valueBytes?.length ?? 0);
  for (const [name, bytes] of headerList)
    bound += VARINT_MAX * 2 + Buffer.byteLength(name, 'utf8') + (bytes?.length ?? 0);
  const out = Buffer.allocUnsafe(bound);
  let at = VARINT_MAX; // the body's length goes in front of it, once known
  out[at++] = 0; // attributes
  at = writeVarLong(out, at, timestampDelta);
  at = writeVarInt(out, at, offsetDelta);
  at = writeBytes(out, at, keyBytes);
  at = writeBytes(out, at, valueBytes);
  at = writeVarInt(out, at, headerList.length);
  for (const [name, bytes] of headerList) {
    at = writeVarInt(out, at, Buffer.byteLength(name, 'utf8'));
    at += out.write(name, at, 'utf8');
    at = writeBytes(out, at, bytes);
  }
  const bodyLength = at - VARINT_MAX;
  const start = VARINT_MAX - varIntSize(bodyLength);
  writeVarInt(out, start, bodyLength);
  const record = out.subarray(start, at);
  return { buf: record, buffer: record };
}

/**
 * Makes kafkajs use `encodeRecord` for its records, when the installed kafkajs is the release it
 * was checked against and its record module is not loaded yet (kafkajs loads it at the first
 * produce request). Otherwise kafkajs keeps its own encoder: slower, never different on the wire.
 */
export function installRecordEncoder(): boolean {
  let path: string;
  try {
    path = require.resolve(RECORD_MODULE);
    if ((require('kafkajs/package.json') as { version: string }).version !== KAFKAJS_VERSION_ENCODED) return false;
  } catch {
    return false;
  }
  if (require.cache[path]) return require.cache[path]!.exports === encodeRecord;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = encodeRecord;
  require.cache[path] = module;
  return true;
}

function bytesOf(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
}

function writeBytes(out: Buffer, at: number, bytes: Buffer | null): number {
  if (bytes === null) return writeVarInt(out, at, -1);
  const next = writeVarInt(out, at, bytes.length);
  return next + bytes.copy(out, next);
}

/** Zigzag, then unsigned LEB128 (Kafka's varint). */
function writeVarInt(out: Buffer, at: number, value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while (v > 0x7f) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

function varIntSize(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  let size = 1;
  while (v > 0x7f) {
    size++;
    v >>>= 7;
  }
  return size;
}

/** A 64-bit zigzag varint (the same bytes as the 32-bit one for a value that fits in 32 bits). */
function writeVarLong(out: Buffer, at: number, value: number): number {
  if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff) return writeVarInt(out, at, value);
  let v = BigInt.asUintN(64, (BigInt(Math.trunc(value)) << 1n) ^ (BigInt(Math.trunc(value)) >> 63n));
  while (v > 0x7fn) {
    out[at++] = Number(v & 0x7fn) | 0x80;
    v >>= 7n;
  }
  out[at++] = Number(v);
  return at;
}
