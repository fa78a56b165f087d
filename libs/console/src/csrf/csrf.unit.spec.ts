import { csrfProblem, isStateChanging } from './csrf';

describe('CSRF check of console requests', () => {
  const token = 'the-session-csrf-token';
  const request = (over: Partial<Parameters<typeof csrfProblem>[0]>) => ({
    method: 'POST',
    presentedToken: token,
    origin: undefined,
    hosts: ['127.0.0.1:3000', undefined],
    ...over,
  });

  it('lets reading requests through without a token', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(csrfProblem(request({ method, presentedToken: undefined }), token)).toBeUndefined();
    expect(isStateChanging('delete')).toBe(true);
  });

  it('needs the session token on every state-changing method', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(csrfProblem(request({ method }), token)).toBeUndefined();
      expect(csrfProblem(request({ method, presentedToken: undefined }), token)).toMatch(/no CSRF token/);
      expect(csrfProblem(request({ method, presentedToken: 'another-token' }), token)).toMatch(/does not match/);
    }
    expect(csrfProblem(request({ presentedToken: [token, token] }), token)).toMatch(/no CSRF token/);
  });

  it('refuses an Origin of another host, and opaque origins; accepts this host and no Origin at all', () => {
    expect(csrfProblem(request({ origin: 'http://127.0.0.1:3000' }), token)).toBeUndefined();
    expect(csrfProblem(request({ origin: 'https://evil.example' }), token)).toMatch(/another origin/);
    expect(csrfProblem(request({ origin: 'http://127.0.0.1:3001' }), token)).toMatch(/another origin/);
    expect(csrfProblem(request({ origin: 'null' }), token)).toMatch(/another origin/);
    expect(csrfProblem(request({ origin: undefined }), token)).toBeUndefined();
  });

  it('accepts the public origin when a proxy sends its own Host upstream', () => {
    const behindProxy = { hosts: ['10.0.0.5:3000', 'scim.example.com'] };
    expect(csrfProblem(request({ ...behindProxy, origin: 'https://scim.example.com' }), token)).toBeUndefined();
    expect(csrfProblem(request({ ...behindProxy, origin: 'https://scim.example.com.evil.example' }), token)).toMatch(
      /another origin/,
    );
  });
});
