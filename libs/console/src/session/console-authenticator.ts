import { Inject, Injectable } from '@nestjs/common';
import type { HttpRequest } from '@lib/platform';
import { AuditorCredentials } from '@lib/audit';
import { APP_CONFIG, type Environment } from '@lib/platform';
import { csrfProblem, CSRF_HEADER } from '../csrf/csrf';
import { constantTimeEquals } from '../shared/secrets';
import { SessionForbiddenError, SessionRequiredError } from './console-errors';
import type { ConsoleRole, ConsoleSession } from './console-session';
import { ConsoleSessions } from './console-sessions';
import { operatorFingerprint } from './operator-fingerprint';
import { readSessionId } from './session-cookie';

export type ConsoleRequest = HttpRequest & { consoleSession?: ConsoleSession };

/**
 * The session of a console request, checked in this order: a live session (401 otherwise), the
 * role the route needs (403), and for a state-changing request its CSRF token and origin (403).
 */
@Injectable()
export class ConsoleAuthenticator {
  constructor(
    private readonly sessions: ConsoleSessions,
    private readonly auditors: AuditorCredentials,
    @Inject(APP_CONFIG) private readonly config: Environment,
  ) {}

  async authenticate(request: ConsoleRequest, role?: ConsoleRole): Promise<ConsoleSession> {
    const id = readSessionId(request.headers.cookie);
    const session = id ? await this.sessions.resolve(id, (s) => this.stillGranted(s)) : undefined;
    if (!session) throw new SessionRequiredError('SCIM-ND6G');
    if (role && session.role !== role)
      throw new SessionForbiddenError(
        'SCIM-d98q',
        `This needs an ${role} session; you are signed in as ${session.role}.`,
      );
    const problem = csrfProblem(
      {
        method: request.method,
        presentedToken: request.headers[CSRF_HEADER],
        origin: request.headers.origin,
        hosts: [request.headers.host, this.publicHost],
      },
      session.csrfToken,
    );
    if (problem) throw new SessionForbiddenError('SCIM-jcF8', problem);
    request.consoleSession = session;
    return session;
  }

  private get publicHost(): string | undefined {
    try {
      return this.config.PUBLIC_BASE_URL ? new URL(this.config.PUBLIC_BASE_URL).host : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * An auditor session holds while its credential does (revoking it by the API, the CLI or the console ends it at
   * once).
   */
  private async stillGranted(session: ConsoleSession): Promise<boolean> {
    if (session.role === 'auditor')
      return session.tenantId !== null && (await this.auditors.isActive(session.tenantId, session.credentialRef));
    const token = this.config.OPERATOR_TOKEN;
    return token !== undefined && constantTimeEquals(session.credentialRef, operatorFingerprint(token));
  }
}
