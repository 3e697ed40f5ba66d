// The CommBox envelope and the errors every route answers with.
import type { FastifyReply } from 'fastify';
import { errorEnvelopeSchema } from '../../contract/envelope';

export class HttpError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 416 | 422 | 429 | 503,
    /** Shown to a person: say what is wrong and how to fix it. */
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} was not found.`);

const DESCRIPTIONS: Record<number, string> = {
  200: 'Operation successful',
  201: 'Created',
};

export function envelope<Data>(data: Data, status: 200 | 201 = 200) {
  return {
    status,
    description: DESCRIPTIONS[status] ?? 'Operation successful',
    response_time: new Date().toISOString(),
    data,
  } as const;
}

export function sendError(reply: FastifyReply, statusCode: number, description: string) {
  return reply
    .code(statusCode)
    .send({ status: statusCode, description, response_time: new Date().toISOString() });
}

/** The error answers a read route documents (CommBox envelope without data). */
export const readErrors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};

/** The error answers a write route documents. */
export const writeErrors = { ...readErrors, 403: errorEnvelopeSchema, 409: errorEnvelopeSchema };
