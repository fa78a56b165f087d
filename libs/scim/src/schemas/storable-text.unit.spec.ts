import { scimRefusal } from '../testing/scim-refusal';
import { assertStorableText, inspectInput, MAX_JSON_DEPTH, toStorableText, unstorableReason } from './storable-text';

describe('storable text (what PostgreSQL can hold)', () => {
  it('finds NUL and lone surrogates, and nothing in well-formed text', () => {
    expect(unstorableReason('a\u0000b')).toBe('NUL character');
    expect(unstorableReason('a\ud800b')).toBe('lone surrogate');
    expect(unstorableReason('\udc00')).toBe('lone surrogate');
    expect(unstorableReason('x\ud83d')).toBe('lone surrogate');
    for (const fine of ['', 'ada', '😀', 'שלום\u200f', 'e\u0301', '\u212Aate', '\u0001\u001f'])
      expect(unstorableReason(fine)).toBeUndefined();
  });

  it('replaces them for what is recorded, leaving surrogate pairs alone', () => {
    expect(toStorableText('a\u0000b\ud800😀')).toBe('a\ufffdb\ufffd😀');
    expect(() => assertStorableText('x\u0000', 'The value')).toThrow('The value contains a NUL character');
  });

  it('names the attribute holding the bad value, in values and in names', () => {
    expect(scimRefusal(() => inspectInput({ emails: [{ value: 'a\u0000b' }] }, 'The request body'))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
      detail: 'The request body: the value of emails[0].value contains a NUL character, which cannot be stored.',
    });
    expect(scimRefusal(() => inspectInput({ name: { ['given\ud800']: 'x' } }, 'The request body')).detail).toBe(
      'The request body: the name name.given\ufffd contains a lone surrogate, which cannot be stored.',
    );
    expect(scimRefusal(() => inspectInput({ filter: 'userName eq "\u0000"' }, 'The query string')).detail).toContain(
      'the value of filter',
    );
  });

  it('refuses nesting deeper than MAX_JSON_DEPTH without recursion, however deep', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(scimRefusal(() => inspectInput(deep, 'The request body'))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
      detail: `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
    });
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(() => inspectInput(ok, 'The request body')).not.toThrow();
  });

  it('accepts ordinary SCIM bodies', () => {
    const bulk = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        {
          method: 'PATCH',
          path: '/Groups/1',
          data: {
            schemas: ['x'],
            Operations: [{ op: 'add', path: 'members', value: [{ value: 'u', display: 'Ädä 😀' }] }],
          },
        },
      ],
    };
    expect(() => inspectInput(bulk, 'The request body')).not.toThrow();
  });
});
