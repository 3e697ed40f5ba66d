// The search module: recordings found by words and filters across everything the caller may see, and
// saved searches.
import { cursorCodec } from '../../lib/signed-cursor';
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import { searchRepo } from './repo';
import searchRoutes from './routes';
import { searchService } from './service';

export function searchModule({ db, storage, signingSecret }: CoreDeps, access: AccessControl) {
  const service = searchService({
    repo: searchRepo(db),
    access,
    storage,
    cursors: cursorCodec(signingSecret),
  });
  return {
    service,
    routes: (api) => api.register(searchRoutes, { search: service }),
  } satisfies TapelineModule & Record<string, unknown>;
}
