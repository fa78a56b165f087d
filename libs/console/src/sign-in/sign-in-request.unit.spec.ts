import { parseSignInRequest } from './sign-in-request';

describe('sign-in request', () => {
  it('takes a role and a credential (trimmed)', () => {
    expect(parseSignInRequest({ role: 'auditor', tenantId: ' acme ', credential: ' aud_x \n' })).toEqual({
      role: 'auditor',
      tenantId: 'acme',
      credential: 'aud_x',
    });
    expect(parseSignInRequest({ role: 'operator', credential: 'op' })).toEqual({ role: 'operator', credential: 'op' });
  });

  it.each([
    [{}, /role must be "operator" or "auditor".*credential must be a non-empty string/],
    [{ role: 'admin', credential: 'x' }, /role must be/],
    [{ role: 'operator', credential: '   ' }, /credential must be a non-empty string/],
    [{ role: 'operator', credential: 'x'.repeat(1025) }, /at most 1024/],
    [{ role: 'operator', credential: 'x', remember: true }, /remember is not a known field/],
    [{ role: 'auditor', credential: 'aud_x' }, /tenantId must be the tenant id/],
    [{ role: 'operator', tenantId: 'acme', credential: 'x' }, /tenantId is for auditors only/],
    [null, /role must be/],
  ])('refuses %j with a 400 invalidValue that says why', (body, message) => {
    expect(() => parseSignInRequest(body)).toThrow(
      expect.objectContaining({ status: 400, scimType: 'invalidValue', detail: expect.stringMatching(message) }),
    );
  });
});
