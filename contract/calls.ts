// WebRTC calls: the host (an agent or admin) starts one on a conversation, the guest joins through a
// signed single-use link, and both exchange signalling messages over a WebSocket relayed by the server.
import { z } from './zod';
import { text } from './fields';
import { activityUserSchema } from './activities';

export const callIdSchema = z.uuid({ error: 'the call id must be a UUID' });

/** `waiting` for the guest, `active` once the guest joined, `ended` for good. */
export const callStateSchema = z.enum(['waiting', 'active', 'ended']);
export type CallState = z.infer<typeof callStateSchema>;

/** An RTCIceServer as the browser takes it; TURN entries carry short-lived credentials. */
export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** What both parties need to connect their RTCPeerConnection. */
export const iceConfigSchema = z.object({
  iceServers: z.array(iceServerSchema),
  /** `relay` forces every connection through TURN (ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: z.enum(['all', 'relay']),
  /**
   * When the TURN credentials among `iceServers` stop working (TURN_CREDENTIAL_TTL); null when none
   * expire. A call that lasts longer asks for the call again before then, for its next ICE restart.
   */
  expiresAt: z.nullable(z.string()),
});
export type IceConfig = z.infer<typeof iceConfigSchema>;

/** A call as its host sees it. */
export const callSchema = z.object({
  id: z.string(),
  objectId: z.string(),
  objectTitle: z.string(),
  host: z.extend(activityUserSchema, { username: z.string() }),
  state: callStateSchema,
  createdAt: z.iso.datetime({ offset: true }),
  endedAt: z.nullable(z.iso.datetime({ offset: true })),
  endReason: z.nullable(z.string()),
  /** The guest's link (`/join/<token>`): signed, for this call only, usable once, until `linkExpiresAt`. */
  guestUrl: z.url(),
  linkExpiresAt: z.iso.datetime({ offset: true }),
  guestJoined: z.boolean(),
  ice: iceConfigSchema,
});
export type Call = z.infer<typeof callSchema>;

/** POST /api/calls/join: the token from the link; `guestKey` when this guest already joined (reload). */
export const joinCallRequestSchema = z.object({
  token: text({ error: 'token must be the token of a guest link' }).check(
    z.minLength(1, 'token must be the token of a guest link'),
    z.maxLength(500, 'token is too long to be a guest link'),
  ),
  guestKey: z.optional(text().check(z.maxLength(200, 'guestKey is too long'))),
});

/** What the guest gets for a valid link: the call and a key that authenticates its signalling. */
export const guestCallSchema = z.object({
  callId: z.string(),
  guestKey: z.string(),
  /** The host's name, shown to the guest. */
  hostName: z.string(),
  state: callStateSchema,
  ice: iceConfigSchema,
});
export type GuestCall = z.infer<typeof guestCallSchema>;

export const callRoleSchema = z.enum(['host', 'guest']);
export type CallRole = z.infer<typeof callRoleSchema>;

/** What a party tells the other about its media, shown on the other side. */
export const mediaStateSchema = z.object({
  muted: z.boolean(),
  cameraOff: z.boolean(),
  sharing: z.boolean(),
  /** The host's recorder runs. */
  recording: z.boolean(),
  /** The host's browser cannot record (no MediaRecorder, no codec): the call goes on unrecorded. */
  recordingUnavailable: z.optional(z.boolean()),
  name: z.string().check(z.maxLength(200)),
});
export type MediaState = z.infer<typeof mediaStateSchema>;

const sessionDescriptionSchema = z.object({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.optional(z.string().check(z.maxLength(200_000))),
});

const candidateSchema = z.nullable(
  z.object({
    candidate: z.optional(z.string().check(z.maxLength(2000))),
    sdpMid: z.optional(z.nullable(z.string())),
    sdpMLineIndex: z.optional(z.nullable(z.int())),
    usernameFragment: z.optional(z.nullable(z.string())),
  }),
);

/** Messages a party sends over the signalling socket. The first must be `hello`. */
export const clientSignalSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    role: callRoleSchema,
    /** The guest's key from POST /api/calls/join; the host is known by its session cookie. */
    guestKey: z.optional(z.string().check(z.maxLength(200))),
  }),
  /** "I am here": sent on every (re)connect; `session` changes when the page was reloaded. */
  z.object({ type: z.literal('ready'), session: z.string().check(z.maxLength(100)) }),
  z.object({
    type: z.literal('description'),
    session: z.string().check(z.maxLength(100)),
    description: sessionDescriptionSchema,
  }),
  z.object({
    type: z.literal('candidate'),
    session: z.string().check(z.maxLength(100)),
    candidate: candidateSchema,
  }),
  /** The guest asks the host for an ICE restart. */
  z.object({ type: z.literal('restart') }),
  z.object({ type: z.literal('media'), state: mediaStateSchema }),
  /** Ends the call for both: a hang-up, or the page going away. */
  z.object({ type: z.literal('hangup'), reason: z.optional(z.enum(['hangup', 'closed'])) }),
]);
export type ClientSignal = z.infer<typeof clientSignalSchema>;

/** Messages the server sends: the other party's relayed messages, and its own. */
export type ServerSignal =
  | { type: 'welcome'; role: CallRole }
  | { type: 'peer'; present: boolean }
  | { type: 'ended'; reason: string; by: CallRole | 'server' }
  | { type: 'error'; message: string }
  | Exclude<ClientSignal, { type: 'hello' } | { type: 'hangup' }>;

/** WebSocket close codes the server uses; the client shows their reason. */
export const CALL_CLOSE = {
  /** Authentication failed or the call may not be joined. */
  refused: 4403,
  /** The call has ended. */
  ended: 4410,
  /** The same party connected again elsewhere (another tab). */
  replaced: 4409,
} as const;
