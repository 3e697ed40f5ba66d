// Every domain module, built the same way from the core dependencies and the one access model.
// app.ts registers their routes and starts their jobs; cli.ts uses their services.
import { accessControl } from './access/service';
import { accountModule } from './account';
import { activitiesModule } from './activities';
import { auditModule } from './audit';
import { authModule } from './auth';
import { callsModule } from './calls';
import { mediaModule } from './media';
import type { CoreDeps, TapelineModule } from './module';
import { objectsModule } from './objects';
import { playlistsModule } from './playlists';
import { qaModule } from './qa';
import { queueModule } from './queue';
import { recordingsModule } from './recordings';
import { ssoModule } from './sso';
import { usersModule } from './users';
import { searchModule } from './search';
import { retentionModule } from './retention';

export function buildModules(core: CoreDeps) {
  const access = accessControl(core.db);
  const audit = auditModule(core, access);
  const auth = authModule(core);
  return {
    audit,
    auth,
    account: accountModule(core, access, auth),
    sso: ssoModule(core, auth.service, audit.trail),
    users: usersModule(core, access, auth.service),
    objects: objectsModule(core, access),
    activities: activitiesModule(core, access),
    recordings: recordingsModule(core, access),
    calls: callsModule(core, access),
    qa: qaModule(core, access),
    queue: queueModule(core),
    playlists: playlistsModule(core, access, audit.trail),
    media: mediaModule(core, { trail: audit.trail, auth: auth.service }),
    search: searchModule(core, access),
    retention: retentionModule(core, access, audit.trail),
  } satisfies Record<string, TapelineModule>;
}
export type Modules = ReturnType<typeof buildModules>;
