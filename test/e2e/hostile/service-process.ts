import { join } from 'node:path';
import { ServiceProcess } from '../../../bench/fuzz/target';
import { createTestDatabase } from '../../support/database';
import { useBeforeAll } from '../../support/hooks';

/**
 * The real service as a child process (bench/fuzz/target) on a fresh database, so an exit or an
 * unhandled rejection is seen from outside: started in beforeAll, stopped (then its database
 * dropped) in afterAll.
 */
export function useServiceProcess(operatorToken: string): ServiceProcess {
  const database = useBeforeAll(createTestDatabase, (db) => db.drop());
  return useBeforeAll(
    async () => {
      const service = new ServiceProcess({
        repoRoot: join(__dirname, '..', '..', '..'),
        databaseUrl: database.url,
        entry: 'ts',
        operatorToken,
      });
      try {
        await service.start();
      } catch (error) {
        await service.stop();
        throw error;
      }
      return service;
    },
    (service) => service.stop(),
  );
}
