import { useScimService } from '../../support/scim-harness';
import type { ScimResponse, ScimTenant } from '../../support/scim';
import type { Json } from '../scim/expect-scim';
import { then, when, type ExpectedAnswer, type ScimRequest } from '../scim/steps';
import { expectPatchValuesReadLeniently } from './lenient-patch-values';

/** What a case's `given` made, handed to its request, its expected answer and its follow-up reads. */
export type Given = Json;

/**
 * One step of an IdP's provisioning conversation: in a tenant of its own, `given` makes the state
 * the IdP meets, `when` is the request it sends, `then` the answer it must get, and `and` what it
 * (or an admin) reads afterwards. No case depends on another or on their order.
 */
export interface IdpCase {
  name: string;
  given?: (scim: ScimTenant) => Promise<Given>;
  when: ScimRequest | ((given: Given, scim: ScimTenant) => ScimRequest);
  then: ExpectedAnswer | ((given: Given, scim: ScimTenant) => ExpectedAnswer);
  and?: (answer: Answer) => Promise<unknown> | unknown;
}

export interface Answer {
  scim: ScimTenant;
  given: Given;
  response: ScimResponse;
  /** The answer's body as `then` checked it. */
  body: Json;
}

/**
 * Runs an IdP's table against one service, each case in a fresh tenant under `profile`; every
 * lenient profile also gets issue 15's PATCH-values case (lenient-patch-values.ts).
 */
export function describeIdpCases(title: string, profile: string, cases: IdpCase[]): void {
  describe(title, () => {
    const { tenant } = useScimService({ profile });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const scim = await tenant();
      const given = (await c.given?.(scim)) ?? {};
      const request = typeof c.when === 'function' ? c.when(given, scim) : c.when;
      const response = await when(scim, request);
      const body = then(scim, response, typeof c.then === 'function' ? c.then(given, scim) : c.then);
      await c.and?.({ scim, given, response, body });
    });

    it(
      'reads PATCH values like a POST body on every path form: what the schema lacks is ' +
        'dropped, the rest applied (issue 15)',
      async () => {
        await expectPatchValuesReadLeniently(await tenant(), profile);
      },
    );
  });
}
