import { canonicalJson } from './canonical-json';
import { ChainVerifier, chainHash, GENESIS_HASH, type ChainedRecord, type StoredChainRecord } from './hash-chain';

function chain(count: number): StoredChainRecord[] {
  const records: StoredChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const record: ChainedRecord = {
      tenantId: 't1',
      seq,
      position: seq * 10,
      eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      eventType: 'UserUpdated',
      action: 'user.updated',
      userId: 'u1',
      groupId: null,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, seq)).toISOString(),
      actor: { kind: 'scim-key', keyId: 'k1' },
      requestId: `r${seq}`,
      correlationId: `r${seq}`,
      changes: [{ path: 'title', before: `t${seq - 1}`, after: `t${seq}` }],
    };
    const hash = chainHash(prev, record);
    records.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return records;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson('x"y')).toBe('"x\\"y"');
    expect(canonicalJson([undefined, null])).toBe('[null,null]');
  });
});

describe('hash chain', () => {
  it('verifies an intact chain, whatever the chunking', () => {
    const records = chain(7);
    const verifier = new ChainVerifier();
    expect(verifier.check(records.slice(0, 3))).toBe(true);
    expect(verifier.check(records.slice(3))).toBe(true);
    expect(verifier.records).toBe(7);
    expect(verifier.broken).toBeUndefined();
  });

  it('finds an edited record as the first broken link', () => {
    const records = chain(5);
    records[2] = { ...records[2], changes: [{ path: 'title', before: 'x', after: 'forged' }] } as StoredChainRecord;
    const verifier = new ChainVerifier();
    expect(verifier.check(records)).toBe(false);
    expect(verifier.broken).toEqual({ seq: 3, eventId: records[2]?.eventId, reason: 'hash_mismatch' });
  });

  it('finds a deleted record and a re-hashed forgery', () => {
    const records = chain(5);
    const gap = new ChainVerifier();
    gap.check([...records.slice(0, 2), ...records.slice(3)]);
    expect(gap.broken).toMatchObject({ seq: 4, reason: 'sequence_gap' });

    // A forger who recomputes the edited record's own hash still breaks the next link.
    const forged = { ...records[1], requestId: 'forged' } as StoredChainRecord;
    const { prevHash: _p, hash: _h, ...body } = forged;
    forged.hash = chainHash(forged.prevHash, body);
    const rehashed = new ChainVerifier();
    rehashed.check([records[0] as StoredChainRecord, forged, ...records.slice(2)]);
    expect(rehashed.broken).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('does not depend on key order (jsonb reorders keys)', () => {
    const [record] = chain(1) as [StoredChainRecord];
    const { prevHash, hash, ...body } = record;
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as unknown as ChainedRecord;
    expect(chainHash(prevHash, reordered)).toBe(hash);
  });
});
