// The search module: recordings found by words and filters across everything the caller may see, saved
// searches, and the hourly job that lets the words of deleted recordings go (migration 026).
import { intervalJob } from '../../lib/jobs';
import { cursorCodec } from '../../lib/signed-cursor';
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import { searchRepo } from './repo';
import searchRoutes from './routes';
import { searchService } from './service';

export function searchModule({ db, storage, signingSecret, log }: CoreDeps, access: AccessControl) {
  const service = searchService({
    repo: searchRepo(db),
    access,
    storage,
    cursors: cursorCodec(signingSecret),
  });
  return {
    service,
    routes: (api) => api.register(searchRoutes, { search: service }),
    jobs: [intervalJob('search-words', 3600, () => service.pruneWords(), log)],
  } satisfies TapelineModule & Record<string, unknown>;
}
