// The error responses QA routes document (CommBox envelope without data).
import { errorEnvelopeSchema } from '../../../contract/envelope';

export const readErrors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};

export const writeErrors = { ...readErrors, 403: errorEnvelopeSchema, 409: errorEnvelopeSchema };
