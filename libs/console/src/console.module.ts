import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuditApi, AuditModule } from '@lib/audit';
import { AuditorApiController } from './api/auditor-api.controller';
import { OPERATOR_API_PREFIX, OperatorApiBridge } from './api/operator-api.bridge';
import { ConsoleAuthenticator } from './session/console-authenticator';
import { ConsoleHousekeeping } from './session/console-housekeeping';
import { ConsoleSessionGuard } from './session/console-session.guard';
import { ConsoleSessions } from './session/console-sessions';
import { SessionController } from './session/session.controller';
import { SessionStore } from './session/session-store';
import { CONSOLE_CLOCK, systemConsoleClock } from './shared/clock';
import { SignInLimiter } from './sign-in/sign-in-limiter';
import { SignInService } from './sign-in/sign-in.service';
import { ConsoleStaticController } from './static/console-static.controller';

/**
 * The admin console's server side (docs/console.md): sign-in and sessions, CSRF, the operator's
 * bridge to the admin API, the auditor's session routes in front of the audit API, and the static
 * files at /console. Needs the global InfrastructureModule (APP_CONFIG, PG_POOL, LOGGER) and the
 * admin API's controllers in the same app (the gateway). The static controller comes last so that
 * its catch-all never shadows an API route.
 */
@Module({
  imports: [AuditModule],
  controllers: [SessionController, AuditorApiController, ConsoleStaticController],
  providers: [
    { provide: CONSOLE_CLOCK, useValue: systemConsoleClock },
    SessionStore,
    ConsoleSessions,
    ConsoleAuthenticator,
    ConsoleSessionGuard,
    SignInLimiter,
    SignInService,
    ConsoleHousekeeping,
    OperatorApiBridge,
    AuditApi,
  ],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(OperatorApiBridge)
      .forRoutes({ path: `${OPERATOR_API_PREFIX.slice(1)}/*path`, method: RequestMethod.ALL });
  }
}
