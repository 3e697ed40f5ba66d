// The media module: GET|HEAD /media/<key> for signed URLs of local storage (S3 serves its own URLs);
// each player session's first request leaves one `media.played` audit entry (plays.ts).
import { join } from 'node:path';
import type { AuditTrail } from '../audit/trail';
import type { AuthService } from '../auth/service';
import type { CoreDeps, TapelineModule } from '../module';
import { playRecorder } from './plays';
import mediaRoutes from './routes';

export function mediaModule(
  { config, db, storage, signingSecret }: CoreDeps,
  audit: { trail: AuditTrail; auth: AuthService },
) {
  return {
    atRoot: true,
    routes: async (app) => {
      if (storage.kind !== 'local') return;
      await app.register(mediaRoutes, {
        mediaDir: join(config.dataDir, 'media'),
        signingSecret,
        offload: config.mediaOffload,
        onPlay: playRecorder({ db, ...audit }),
      });
    },
  } satisfies TapelineModule & Record<string, unknown>;
}
