import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type express from 'express';

/** Header carrying the request id: accepted from clients, returned to them, forwarded to subgraphs. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's id is kept when it is short and plain; anything else is replaced by a fresh UUID. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being served by the current async flow, if any (read by the logger's mixin). */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** Runs `work` as part of the request with this id (for callbacks that run outside its async flow). */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId }, work);
}

export function acceptOrGenerateRequestId(received: string | string[] | undefined): string {
  const value = Array.isArray(received) ? received[0] : received;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/**
 * First middleware of every service: the request id (the caller's `x-request-id` if acceptable,
 * else a new UUID) is returned in the response header, kept in `res.locals.requestId`, and bound
 * to everything that runs for this request, so every log line carries it.
 */
export function requestIdMiddleware(): express.RequestHandler {
  return (req, res, next) => {
    const requestId = acceptOrGenerateRequestId(req.headers[REQUEST_ID_HEADER]);
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    scope.run({ requestId }, next);
  };
}
