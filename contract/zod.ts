// The zod every contract file is written in: zod/mini, with zod's English messages switched on.
//
// zod/mini keeps the SPA's first load small (classic zod is ~20 kB gzip more), but unlike classic zod it
// loads no locale: without this, every message the contract does not spell out would read "Invalid input"
// (on the server too, where classic zod is only loaded by the routes' own schemas). Import `z` from here,
// never from 'zod' or 'zod/mini' directly (ESLint checks it). Checks go in `.check(...)` (z.minLength,
// z.regex, z.trim, z.positive…) and wrappers are functions (z.optional, z.nullable, z._default,
// z.extend, z.partial, z.pick). Classic schemas in the server's routes nest in these and the other way
// round: both are zod/v4/core schemas, which fastify-type-provider-zod validates, serialises and documents.
import * as z from 'zod/mini';

z.config(z.locales.en());

export { z };
