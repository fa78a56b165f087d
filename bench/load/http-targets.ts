import { randomInt } from 'node:crypto';
import { httpRequest, isOk } from './http-client';
import { loadedUserName, type HttpTarget } from './protocol';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const REQUEST_TIMEOUT_MS = 30_000;

async function call(base: string, apiKey: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, text } = await httpRequest(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      accept: 'application/scim+json',
      ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  if (!isOk(status)) throw new Error(`${method} ${path.slice(0, 80)}: ${status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * One request of a target, by index: the whole HTTP exchange, body read and checked. `userIds`: the sample of a
 * get-user target.
 */
export function httpSender(target: HttpTarget, userIds: string[] = []): (i: number) => Promise<void> {
  switch (target.kind) {
    case 'get-user':
      return async () => {
        const id = userIds[randomInt(userIds.length)]!;
        const body = (await call(target.base, target.apiKey, 'GET', `/Users/${id}`)) as { id?: string };
        if (body?.id !== id) throw new Error(`GET /Users/${id}: answered id ${body?.id}`);
      };
    case 'create-user':
      return async (i) => {
        const userName = `${target.prefix}-${i}@create.bench`;
        await call(target.base, target.apiKey, 'POST', '/Users', {
          schemas: [USER_SCHEMA],
          userName,
          name: { givenName: 'Ada', familyName: `Create${i}` },
          emails: [{ value: userName, type: 'work', primary: true }],
          active: true,
        });
      };
    case 'filter-user':
      return async () => {
        const userName = loadedUserName(randomInt(target.users));
        const body = (await call(
          target.base,
          target.apiKey,
          'GET',
          `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
        )) as { totalResults?: number };
        if (body?.totalResults !== 1) throw new Error(`filter ${userName}: totalResults ${body?.totalResults}`);
      };
    case 'patch-member':
      return async (i) => {
        const userId = target.userIds[Math.floor(i / 2) % target.userIds.length];
        const operation =
          i % 2 === 0
            ? { op: 'remove', path: `members[value eq "${userId}"]` }
            : { op: 'add', path: 'members', value: [{ value: userId }] };
        await call(
          target.base,
          target.apiKey,
          'PATCH',
          `/Groups/${target.groupId}${target.withMembersInAnswer ? '?attributes=members' : ''}`,
          { schemas: [PATCH_OP], Operations: [operation] },
        );
      };
  }
}

export async function deactivate(base: string, apiKey: string, userId: string): Promise<void> {
  await call(base, apiKey, 'PATCH', `/Users/${userId}`, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'replace', path: 'active', value: false }],
  });
}
