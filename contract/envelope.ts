// CommBox's response envelope: every /api response carries it, success or error.
//
// Every contract file is written in zod/mini, not classic zod: `import { z } from './zod'` (see zod.ts for
// why and how). The SPA validates every answer with these schemas; classic zod would add ~20 kB gzip to its
// first load.
import { z } from './zod';

export const errorEnvelopeSchema = z.object({
  status: z.int(),
  description: z.string(),
  response_time: z.iso.datetime({ offset: true }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** `data` may be any zod schema (mini or, in server routes, classic). */
export function envelopeSchema<Data extends z.core.SomeType>(data: Data) {
  return z.object({
    status: z.int().check(z.gte(200), z.lte(299)),
    description: z.string(),
    response_time: z.iso.datetime({ offset: true }),
    data,
  });
}

/** The list envelope with paging: `nextCursor` is present when `limit` was given, null on the last page. */
export function pagedEnvelopeSchema<Item extends z.core.SomeType>(item: Item) {
  return z.extend(envelopeSchema(z.array(item)), { nextCursor: z.optional(z.nullable(z.string())) });
}
