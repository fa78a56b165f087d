import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The request and reply every guard, interceptor, filter and `@Req()`/`@Res()` of the service
 * receives: the service runs on Nest's Fastify adapter (docs/architecture.md). The raw Node
 * objects are `request.raw` and `reply.raw`.
 */
export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;
