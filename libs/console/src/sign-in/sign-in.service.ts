import { Inject, Injectable } from '@nestjs/common';
import { AuditorCredentials, parseAuditorSecret } from '@lib/audit';
import { APP_CONFIG, type Environment } from '@lib/platform';
import { SignInRefusedError, SignInThrottledError } from '../session/console-errors';
import type { ConsoleRole } from '../session/console-session';
import { ConsoleSessions, type OpenedSession, type SessionGrant } from '../session/console-sessions';
import { operatorFingerprint } from '../session/operator-fingerprint';
import { constantTimeEquals } from '../shared/secrets';
import { SignInLimiter } from './sign-in-limiter';

/**
 * Exchanges the operator token or an auditor credential for a session. The credential is checked
 * in constant time (the operator token hashed on both sides, the auditor credential by
 * AuditorCredentials.verify) and never stored or logged; the session is all the browser gets.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly sessions: ConsoleSessions,
    private readonly limiter: SignInLimiter,
    private readonly auditors: AuditorCredentials,
    @Inject(APP_CONFIG) private readonly config: Environment,
  ) {}

  async signIn(role: ConsoleRole, credential: string, address: string, tenantId?: string): Promise<OpenedSession> {
    const subject = { address, credentialId: role === 'operator' ? 'operator' : parseAuditorSecret(credential)?.id };
    const wait = await this.limiter.retryAfterSeconds(subject);
    if (wait > 0) throw new SignInThrottledError('SCIM-gsXF', wait);
    const grant =
      role === 'operator' ? this.operatorGrant(credential) : await this.auditorGrant(credential, tenantId ?? '');
    if (!grant) {
      await this.limiter.recordFailure(subject);
      throw new SignInRefusedError('SCIM-WAVw', role);
    }
    await this.limiter.recordSuccess(subject);
    return this.sessions.open(grant);
  }

  private operatorGrant(presented: string): SessionGrant | undefined {
    const token = this.config.OPERATOR_TOKEN;
    const equal = constantTimeEquals(presented, token ?? '');
    return equal && token ? { role: 'operator', tenantId: null, credentialRef: operatorFingerprint(token) } : undefined;
  }

  private async auditorGrant(presented: string, tenantId: string): Promise<SessionGrant | undefined> {
    const principal = await this.auditors.verify(presented, tenantId);
    return principal
      ? { role: 'auditor', tenantId: principal.tenantId, credentialRef: principal.credentialId }
      : undefined;
  }
}
