import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpReply } from '@lib/platform';
import { APP_CONFIG, Public, type Environment } from '@lib/platform';
import { parseSignInRequest } from '../sign-in/sign-in-request';
import { SignInService } from '../sign-in/sign-in.service';
import { SignInThrottledError } from './console-errors';
import type { ConsoleRequest } from './console-authenticator';
import { toView, type SessionView } from './console-session';
import { ConsoleSessions } from './console-sessions';
import { ConsoleSessionRoute } from './console-session.guard';
import { clearedSessionCookie, isSecureOrigin, readSessionId, sessionCookie } from './session-cookie';

/** Sign in (token or credential → session cookie), what the browser may know of its session, sign out. */
@ApiExcludeController() // the console's own routes, for its page; the public API is /admin and /audit
@Controller('console/api/session')
export class SessionController {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: ConsoleSessions,
    @Inject(APP_CONFIG) private readonly config: Environment,
  ) {}

  @Post()
  @Public()
  @Header('Cache-Control', 'no-store')
  async signIn(
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: HttpReply,
  ): Promise<SessionView> {
    const { role, credential, tenantId } = parseSignInRequest(body);
    const previous = readSessionId(request.headers.cookie);
    try {
      const opened = await this.signIns.signIn(role, credential, request.socket.remoteAddress ?? 'unknown', tenantId);
      if (previous) await this.sessions.end(previous); // a new id at every sign-in: no session fixation
      response.header('Set-Cookie', sessionCookie(opened.id, this.secure(request)));
      return toView(opened.session);
    } catch (error) {
      if (error instanceof SignInThrottledError) response.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Get()
  @ConsoleSessionRoute()
  @Header('Cache-Control', 'no-store')
  current(@Req() request: ConsoleRequest): SessionView {
    return toView(request.consoleSession!);
  }

  @Delete()
  @ConsoleSessionRoute()
  @HttpCode(204)
  async signOut(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: HttpReply): Promise<void> {
    await this.sessions.end(readSessionId(request.headers.cookie)!);
    response.header('Set-Cookie', clearedSessionCookie(this.secure(request)));
  }

  private secure(request: ConsoleRequest): boolean {
    return isSecureOrigin(this.config.PUBLIC_BASE_URL, request.protocol === 'https');
  }
}
