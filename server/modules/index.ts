// Every domain module, built the same way from the core dependencies and the one access model.
// app.ts registers their routes and starts their jobs; cli.ts uses their services.
import { accessControl } from './access/service';
import { accountModule } from './account';
import { activitiesModule } from './activities';
import { authModule } from './auth';
import { mediaModule } from './media';
import type { CoreDeps, TapelineModule } from './module';
import { objectsModule } from './objects';
import { qaModule } from './qa';
import { queueModule } from './queue';
import { recordingsModule } from './recordings';
import { ssoModule } from './sso';
import { usersModule } from './users';

export function buildModules(core: CoreDeps) {
  const access = accessControl(core.db);
  const auth = authModule(core);
  return {
    auth,
    account: accountModule(core, access),
    sso: ssoModule(core, auth.service),
    users: usersModule(core, access, auth.service),
    objects: objectsModule(core, access),
    activities: activitiesModule(core, access),
    recordings: recordingsModule(core, access),
    qa: qaModule(core, access),
    queue: queueModule(core),
    media: mediaModule(core),
  } satisfies Record<string, TapelineModule>;
}
export type Modules = ReturnType<typeof buildModules>;
