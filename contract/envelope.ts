// CommBox's response envelope: every /api response carries it, success or error.
import { z } from 'zod';

export const errorEnvelopeSchema = z.object({
  status: z.number().int(),
  description: z.string(),
  response_time: z.iso.datetime({ offset: true }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export function envelopeSchema<Data extends z.ZodType>(data: Data) {
  return z.object({
    status: z.number().int().min(200).max(299),
    description: z.string(),
    response_time: z.iso.datetime({ offset: true }),
    data,
  });
}

/** The list envelope with paging: `nextCursor` is present when `limit` was given, null on the last page. */
export function pagedEnvelopeSchema<Item extends z.ZodType>(item: Item) {
  return envelopeSchema(z.array(item)).extend({ nextCursor: z.string().nullable().optional() });
}
