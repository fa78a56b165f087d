/**
 * The reference peer for `npm run bench`: SCIMMY (RFC 7643/7644 parsing and formatting) with the
 * scimmy-routers express middleware, over a plain in-memory store. Run in its own process:
 *
 *   node bench/peer/scimmy-server.mjs --port 0 --users 100000
 *
 * `--users N` seeds N users `u<i>@load.bench` (the same names as the service's bulk load) in
 * memory. The store keeps a Map by id and a Map by lower-cased userName, and answers the
 * `userName eq "..."` filter from that map (any other filter: SCIMMY's Filter.match over all
 * users), so the comparison is against a sensible in-memory implementation, not a linear scan.
 * Prints `PEER_URL=http://127.0.0.1:PORT/scim` once listening; stops on SIGTERM/SIGINT.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const port = Number(flag('port', '0'));
const seed = Math.min(Number(flag('users', '0')), 5_000_000);

const users = new Map();
const byName = new Map();

function store(resource, id = randomUUID()) {
  const now = new Date().toISOString();
  const user = { ...resource, id, meta: { resourceType: 'User', created: now, lastModified: now } };
  users.set(id, user);
  byName.set(String(user.userName).toLowerCase(), user);
  return user;
}

for (let i = 0; i < seed; i++) {
  store({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `u${i}@load.bench`,
    name: { givenName: 'Ada', familyName: `Load${i}` },
    emails: [{ value: `u${i}@load.bench`, type: 'work', primary: true }],
    active: true,
  });
}

function userNameEq(filter) {
  if (!filter || filter.length !== 1) return undefined;
  const expression = filter[0];
  const keys = Object.keys(expression);
  if (keys.length !== 1 || keys[0].toLowerCase() !== 'username') return undefined;
  const [op, value] = expression[keys[0]];
  return op === 'eq' && typeof value === 'string' ? value : undefined;
}

SCIMMY.Resources.declare(SCIMMY.Resources.User)
  .ingress((resource, instance) => {
    if (resource.id) {
      const existing = users.get(resource.id);
      if (!existing) throw new SCIMMY.Types.Error(404, null, `user ${resource.id} not found`);
      byName.delete(String(existing.userName).toLowerCase());
      return store(instance, resource.id);
    }
    if (byName.has(String(instance.userName).toLowerCase()))
      throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName is taken');
    return store(instance);
  })
  .egress((resource) => {
    if (resource.id) {
      const user = users.get(resource.id);
      if (!user) throw new SCIMMY.Types.Error(404, null, `user ${resource.id} not found`);
      return user;
    }
    const name = userNameEq(resource.filter);
    if (name !== undefined) {
      const user = byName.get(name.toLowerCase());
      return user ? [user] : [];
    }
    const all = [...users.values()];
    return resource.filter ? resource.filter.match(all) : all;
  })
  .degress((resource) => {
    const user = users.get(resource.id);
    if (!user) throw new SCIMMY.Types.Error(404, null, `user ${resource.id} not found`);
    users.delete(resource.id);
    byName.delete(String(user.userName).toLowerCase());
  });

const app = express();
app.use(
  '/scim',
  new SCIMMYRouters({
    type: 'bearer',
    handler: (request) => {
      if (!request.header('Authorization')?.startsWith('Bearer ')) throw new Error('Authorization not detected');
      return 'bench';
    },
  }),
);

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`PEER_URL=http://127.0.0.1:${server.address().port}/scim`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The orchestrator's IPC channel closing means it is gone: do not outlive it.
process.on('disconnect', stop);
setTimeout(stop, 60 * 60 * 1000).unref();
