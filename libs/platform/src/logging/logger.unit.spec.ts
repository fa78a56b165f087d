import { Writable } from 'node:stream';
import pino from 'pino';
import { NestPinoLogger } from './logger';

describe('NestPinoLogger', () => {
  const capture = () => {
    const lines: Array<{ level: number; context?: string; msg: string }> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')));
        done();
      },
    });
    return { lines, logger: new NestPinoLogger(pino({ level: 'info' }, stream)) };
  };

  it("keeps Nest's start-up narration (modules, routes) at debug, below the default level", () => {
    const { lines, logger } = capture();
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('GatewayModule dependencies initialized', 'InstanceLoader');
    logger.log('UsersController {/scim/v2/:tenantId/Users}:', 'RoutesResolver');
    logger.log('Mapped {/scim/v2/:tenantId/Users, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines).toEqual([]);
  });

  it('logs everything else as before: info, warnings and errors', () => {
    const { lines, logger } = capture();
    logger.log('follower is active', 'FollowerRuntime');
    logger.warn('provisioning log buffer full', 'ProvisioningLog');
    logger.error('could not start', 'trace', 'NestApplication');
    expect(lines.map((l) => [l.level, l.context, l.msg])).toEqual([
      [30, 'FollowerRuntime', 'follower is active'],
      [40, 'ProvisioningLog', 'provisioning log buffer full'],
      [50, 'NestApplication', 'could not start'],
    ]);
  });
});
