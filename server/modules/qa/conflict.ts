// 409 for a stale write, carrying the server's current copy so the client can offer reload or keep-mine.
import type { FastifyReply } from 'fastify';
import { HttpError } from '../../lib/http';

export class StaleWriteError<Current> extends HttpError {
  constructor(
    description: string,
    readonly current: Current,
  ) {
    super(409, description);
  }
}

/** Runs a write; a StaleWriteError becomes `409 {status, description, response_time, data: current}`. */
export async function replyingToConflicts<Result>(reply: FastifyReply, write: () => Promise<Result>) {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof StaleWriteError)) throw error;
    return reply.code(409).send({
      status: 409,
      description: error.description,
      response_time: new Date().toISOString(),
      data: error.current,
    });
  }
}
