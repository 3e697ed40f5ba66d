// The calls module: WebRTC calls hosted by an agent and joined by a guest link, with the signalling
// relay (in-process, or across instances through PostgreSQL LISTEN/NOTIFY when DATABASE_URL is set).
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import { inProcessBus, postgresBus } from './bus';
import callsRoutes from './routes';
import { callsService } from './service';
import { signallingHub } from './signalling';

export function callsModule(core: CoreDeps, access: AccessControl) {
  const { config, db, log, signingSecret } = core;
  const service = callsService({
    db,
    access,
    config: config.calls,
    publicUrl: config.publicUrl,
    signingSecret,
  });
  // The bus connects only when the routes are served (the CLI builds modules too, and needs no relay).
  let bus: ReturnType<typeof inProcessBus> | null = null;
  let hub: ReturnType<typeof signallingHub> | null = null;
  const startHub = () => {
    bus =
      db.kind === 'postgres' && config.databaseUrl ? postgresBus(config.databaseUrl, log) : inProcessBus();
    hub = signallingHub({ bus, calls: service, hostGraceSeconds: config.calls.hostGraceSeconds, log });
    return hub;
  };
  return {
    service,
    routes: (api) => api.register(callsRoutes, { calls: service, hub: hub ?? startHub() }),
    jobs: [
      {
        name: 'call-signalling',
        start: () => undefined,
        async stop() {
          hub?.close();
          await bus?.close();
        },
      },
    ],
  } satisfies TapelineModule & Record<string, unknown>;
}
