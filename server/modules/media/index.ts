// The media module: GET|HEAD /media/<key> for signed URLs of local storage (S3 serves its own URLs).
import { join } from 'node:path';
import type { CoreDeps, TapelineModule } from '../module';
import mediaRoutes from './routes';

export function mediaModule({ config, storage, signingSecret }: CoreDeps) {
  return {
    atRoot: true,
    routes: async (app) => {
      if (storage.kind !== 'local') return;
      await app.register(mediaRoutes, {
        mediaDir: join(config.dataDir, 'media'),
        signingSecret,
        offload: config.mediaOffload,
      });
    },
  } satisfies TapelineModule & Record<string, unknown>;
}
