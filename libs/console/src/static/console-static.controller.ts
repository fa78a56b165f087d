import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpReply } from '@lib/platform';
import { Public, sendStaticFile } from '@lib/platform';
import { ResourceNotFoundError } from '@lib/scim';
import { findConsoleBuild } from './console-build';
import { setConsoleSecurityHeaders } from './security-headers';

/** A built file name: hashed assets and a few files at the root of the build. No paths, no dot files. */
const ASSET = /^assets\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const ROOT_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.(svg|png|ico|txt)$/;

/**
 * The console's static files, from the same process and origin as the API. Hashed assets are
 * cached for good; every other path under /console is the single-page app's index.html (never
 * cached), whose script then shows the view the path names. Registered after the console's API
 * controllers, so /console/api/... never falls through to here (it 404s below instead).
 */
@ApiExcludeController() // the console's own routes, for its page; the public API is /admin and /audit
@Controller('console')
@Public()
export class ConsoleStaticController {
  private found: string | undefined;

  /** Looked up until found, so a build made after start-up is served without a restart. */
  private get root(): string | undefined {
    return (this.found ??= findConsoleBuild());
  }

  @Get()
  index(@Res() response: HttpReply): void {
    this.sendIndex(response);
  }

  // Fastify's wildcard: the rest of the path is the parameter named '*'.
  @Get('*')
  file(@Param('*') relative: string, @Res() response: HttpReply): void {
    if (relative === 'api' || relative.startsWith('api/'))
      throw new ResourceNotFoundError('SCIM-xzmE', 'No such console API route.');
    if (ASSET.test(relative) || ROOT_FILE.test(relative)) return this.sendFile(relative, response);
    this.sendIndex(response);
  }

  private sendIndex(response: HttpReply): void {
    setConsoleSecurityHeaders(response);
    const sent = this.root !== undefined && sendStaticFile(response, this.root, 'index.html', { noCache: true });
    if (!sent)
      void response
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The console is not built: run `npm run build` (or `npm start`, which builds it).\n');
  }

  private sendFile(relative: string, response: HttpReply): void {
    setConsoleSecurityHeaders(response);
    if (!this.root) throw new ResourceNotFoundError('SCIM-97xY', 'The console is not built.');
    const immutable = relative.startsWith('assets/');
    const options = { maxAgeSeconds: immutable ? 365 * 24 * 3600 : 3600, immutable };
    if (!sendStaticFile(response, this.root, relative, options))
      void response.status(404).type('text/plain; charset=utf-8').send('Not found.\n');
  }
}
