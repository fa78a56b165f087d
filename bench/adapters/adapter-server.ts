/**
 * The server side of `npm run bench:adapters`: a Nest 11 app shaped like the gateway's SCIM lookup (a bearer guard,
 * one interceptor that sets the SCIM media type, a controller reading `filter` and answering a one-resource
 * ListResponse from memory) on the adapter named by `--adapter express|fastify`. No database: what is left is the
 * framework and Node's HTTP, the part an adapter can change.
 *
 *   node dist/bench/adapters/adapter-server.js --adapter fastify   # prints ADAPTER_URL=http://127.0.0.1:PORT
 */
import 'reflect-metadata';
import {
  Controller,
  Get,
  Injectable,
  Module,
  Query,
  UnauthorizedException,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Observable } from 'rxjs';

const KEY = Buffer.from('Bearer adapter-bench');
const USERS = new Map<string, object>();
for (let i = 0; i < 10_000; i++) {
  const userName = `u${i}@load.bench`;
  USERS.set(userName, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    userName,
    name: { givenName: 'Ada', familyName: `Load${i}` },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    meta: { resourceType: 'User', created: '2026-12-01T00:00:00.000Z', lastModified: '2026-12-01T00:00:00.000Z' },
  });
}

@Injectable()
class BearerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = Buffer.from(
      String(context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers.authorization ?? ''),
    );
    if (header.length !== KEY.length || !timingSafeEqual(header, KEY)) throw new UnauthorizedException();
    return true;
  }
}

@Injectable()
class ScimMediaType implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context
      .switchToHttp()
      .getResponse<{ header(name: string, value: string): void }>()
      .header('content-type', 'application/scim+json; charset=utf-8');
    return next.handle();
  }
}

@Controller('scim/v2')
class UsersController {
  @Get('Users')
  @UseGuards(BearerGuard)
  @UseInterceptors(ScimMediaType)
  list(@Query('filter') filter = ''): object {
    const userName = /^userName eq "(.*)"$/.exec(filter)?.[1];
    const user = userName === undefined ? undefined : USERS.get(userName);
    const resources = user ? [user] : [];
    return {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: resources.length,
      startIndex: 1,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  }
}

@Module({ controllers: [UsersController], providers: [BearerGuard, ScimMediaType] })
class AdapterBenchModule {}

async function main(): Promise<void> {
  const adapter = process.argv[process.argv.indexOf('--adapter') + 1];
  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(AdapterBenchModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    process.stdout.write(`ADAPTER_URL=${await app.getUrl()}\n`);
  } else if (adapter === 'express') {
    const app = await NestFactory.create<NestExpressApplication>(AdapterBenchModule, { logger: false });
    // As the service does (libs/platform http-setup): no weak ETag over every body, no X-Powered-By.
    app.set('etag', false);
    app.set('x-powered-by', false);
    await app.listen(0, '127.0.0.1');
    process.stdout.write(`ADAPTER_URL=${await app.getUrl()}\n`);
  } else {
    throw new Error(`--adapter express|fastify, got ${adapter}`);
  }
}

// An orderly exit on a signal, so that `--cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
