import { InvalidSyntaxError } from '../errors';
import { scimRefusal } from '../testing/scim-refusal';
import { BulkRequestDto } from './bulk-request.dto';
import { listResponse } from './list-response';
import { ListResponseDto } from './list-response.dto';
import { PatchRequestDto } from './patch-request.dto';
import { SearchRequestDto } from './search-request.dto';
import { BULK_REQUEST_URN, LIST_RESPONSE_URN, PATCH_OP_URN, SEARCH_REQUEST_URN } from './urns';
import { validateEnvelope } from './validate-envelope';

describe('listResponse (RFC 7644 §3.4.2)', () => {
  it('renders an empty result as 200-style body with totalResults 0', () => {
    expect(listResponse([], 0)).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });
  it('takes startIndex and itemsPerPage', () => {
    expect(listResponse([{ id: 'a' }], 10, 3, 1)).toMatchObject({ totalResults: 10, startIndex: 3, itemsPerPage: 1 });
  });
});

describe('validateEnvelope', () => {
  it('accepts a PatchOp with capitalised op names (Entra)', () => {
    const request = validateEnvelope(PatchRequestDto, {
      schemas: [PATCH_OP_URN],
      Operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'add', value: { title: 'x' } },
      ],
    });
    expect(request).toBeInstanceOf(PatchRequestDto);
    expect(request.Operations[0].op).toBe('Replace');
  });

  it.each([
    [{ schemas: ['x'], Operations: [{ op: 'add', value: 1 }] }, 'schemas'],
    [{ schemas: [PATCH_OP_URN], Operations: [] }, 'Operations'],
    [{ schemas: [PATCH_OP_URN], Operations: [{ op: 'move' }] }, 'Operations.0.op'],
    [{ schemas: [PATCH_OP_URN], Operations: [{ op: 'add', path: 5 }] }, 'Operations.0.path'],
  ])('rejects a bad PatchOp %j as invalidSyntax naming %s', (body, field) => {
    const caught = scimRefusal(() => validateEnvelope(PatchRequestDto, body));
    expect(caught).toBeInstanceOf(InvalidSyntaxError);
    expect(caught.detail).toContain(field);
  });

  it('validates the RFC 7644 §3.4.3 SearchRequest example', () => {
    const body = {
      schemas: [SEARCH_REQUEST_URN],
      attributes: ['displayName', 'userName'],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    };
    expect(validateEnvelope(SearchRequestDto, body)).toMatchObject(body);
    expect(() => validateEnvelope(SearchRequestDto, { ...body, sortOrder: 'up' })).toThrow(InvalidSyntaxError);
    expect(() => validateEnvelope(SearchRequestDto, { ...body, count: 'ten' })).toThrow(InvalidSyntaxError);
  });

  it('validates a BulkRequest', () => {
    const body = {
      schemas: [BULK_REQUEST_URN],
      failOnErrors: 1,
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'qwerty',
          data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'Alice' },
        },
        { method: 'PATCH', path: '/Groups/e9e30dba', data: { schemas: [PATCH_OP_URN], Operations: [] } },
        { method: 'DELETE', path: '/Users/b7c14771' },
      ],
    };
    expect(validateEnvelope(BulkRequestDto, body).Operations).toHaveLength(3);
    expect(() =>
      validateEnvelope(BulkRequestDto, { ...body, Operations: [{ method: 'GET', path: '/Users' }] }),
    ).toThrow(InvalidSyntaxError);
  });

  it('validates a ListResponse', () => {
    expect(validateEnvelope(ListResponseDto, listResponse([{ id: 'a' }], 1))).toBeInstanceOf(ListResponseDto);
    expect(() =>
      validateEnvelope(ListResponseDto, { schemas: [LIST_RESPONSE_URN], totalResults: -1, Resources: [] }),
    ).toThrow(InvalidSyntaxError);
    expect(() => validateEnvelope(ListResponseDto, 'x')).toThrow(InvalidSyntaxError);
  });
});
