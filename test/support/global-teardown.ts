export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__SCIM_TEST_SERVERS__;
  globalThis.__SCIM_TEST_SERVERS__ = undefined;
  if (servers) await servers.stop();
}
