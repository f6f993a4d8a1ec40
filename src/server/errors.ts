/** Every error leaves the server as `{ code, message, … }`; a 5xx hides its detail behind an id. */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { FrontlineError } from '../errors.js';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | FrontlineError | Error, request, reply) => {
    if (error instanceof FrontlineError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, ...error.details });
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      return reply.status(400).send({ code: 'BAD_ARGUMENT', message: `${fe.validationContext ?? 'request'}${fe.message.replace(/^(querystring|params|body)/, '')}` });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: 'BAD_ARGUMENT', message: fe.message });
    }
    const id = randomUUID();
    request.log.error({ err: error, id }, 'internal error');
    return reply.status(500).send({ code: 'INTERNAL', message: `internal error (id ${id})`, id });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }));
}
