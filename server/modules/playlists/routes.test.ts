import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditEntrySchema } from '../../../contract/audit';
import { envelopeSchema } from '../../../contract/envelope';
import {
  itemProgressSchema,
  playlistAssignmentSchema,
  playlistItemSchema,
  playlistSchema,
  trainingAssignmentSchema,
} from '../../../contract/playlists';
import { databaseKinds } from '../../test/harness';
import { useQaTestApp } from '../../test/qa-app';

const one = envelopeSchema(playlistSchema);
const item = envelopeSchema(playlistItemSchema);
const progress = envelopeSchema(itemProgressSchema);
const table = envelopeSchema(z.array(playlistAssignmentSchema));
const training = envelopeSchema(z.array(trainingAssignmentSchema));

describe.each(databaseKinds())('Playlists API on %s', (kind) => {
  const t = useQaTestApp(kind);
  let danas: { activityId: string; objectId: string; duration: number }[];

  beforeAll(async () => {
    danas = await t.recordingsOf('agent');
  });

  async function playlistWithClips(clips: [number, number][]) {
    const created = await t.call('POST', '/api/playlists', 'trainer', {
      title: 'Refunds',
      description: 'Calm',
    });
    expect(created.status).toBe(201);
    const id = one.parse(created.body).data.id;
    const items = [];
    for (const [index, [startSeconds, endSeconds]] of clips.entries()) {
      const added = await t.call('POST', `/api/playlists/${id}/items`, 'trainer', {
        activityId: danas[index]!.activityId,
        startSeconds,
        endSeconds,
        note: `clip ${index + 1}`,
      });
      expect(added.status).toBe(201);
      items.push(item.parse(added.body).data);
    }
    return { id, items };
  }

  it('builds a playlist: clips in order, total running time, a URL signed for each recording only', async () => {
    const { id, items } = await playlistWithClips([
      [1, 4],
      [0, 2.5],
    ]);
    const playlist = one.parse((await t.call('GET', `/api/playlists/${id}`, 'trainer')).body).data;
    expect(playlist.items.map((clip) => clip.note)).toEqual(['clip 1', 'clip 2']);
    expect(playlist.totalSeconds).toBeCloseTo(5.5);
    expect(playlist.items.every((clip) => clip.available && clip.recordingUrl?.includes('/media/'))).toBe(
      true,
    );
    // The URL is the one the Activities API hands out for that recording's file, signed for its key only.
    const activities = (
      await t.call('GET', `/api/objects/${danas[0]!.objectId}/activities?activityType=27`, 'trainer')
    ).body.data as { id: string; recordingUrl: string }[];
    const activity = activities.find((entry) => entry.id === danas[0]!.activityId)!;
    expect(new URL(items[0]!.recordingUrl!).pathname).toBe(new URL(activity.recordingUrl).pathname);

    const reordered = await t.call('PUT', `/api/playlists/${id}/items/order`, 'qa', {
      itemIds: [items[1]!.id, items[0]!.id],
    });
    expect(reordered.status).toBe(200);
    expect(one.parse(reordered.body).data.items.map((clip) => clip.note)).toEqual(['clip 2', 'clip 1']);

    const removed = await t.call('DELETE', `/api/playlists/${id}/items/${items[0]!.id}`, 'trainer');
    expect(removed.status).toBe(200);
    const after = one.parse((await t.call('GET', `/api/playlists/${id}`, 'trainer')).body).data;
    expect(after.items.map((clip) => clip.id)).toEqual([items[1]!.id]);
    expect(after.totalSeconds).toBeCloseTo(2.5);
  });

  it('answers an order built on a stale copy with 409, even when two editors race', async () => {
    const { id, items } = await playlistWithClips([
      [0, 1],
      [0, 1],
    ]);
    const [a, b] = items.map((clip) => clip.id) as [string, string];
    // One editor adds a clip; the other still orders the two it saw.
    const third = item.parse(
      (
        await t.call('POST', `/api/playlists/${id}/items`, 'trainer', {
          activityId: danas[0]!.activityId,
          startSeconds: 2,
          endSeconds: 3,
        })
      ).body,
    ).data.id;
    const stale = await t.call('PUT', `/api/playlists/${id}/items/order`, 'qa', { itemIds: [b, a] });
    expect(stale.status).toBe(409);
    expect(stale.body.description).toMatch(/changed meanwhile/);
    expect(
      (await t.call('PUT', `/api/playlists/${id}/items/order`, 'qa', { itemIds: [b, a, a] })).status,
    ).toBe(409);

    // Concurrent: a removal and a reorder of the full set; whichever comes second sees the truth.
    const [reorder, removal] = await Promise.all([
      t.call('PUT', `/api/playlists/${id}/items/order`, 'qa', { itemIds: [third, b, a] }),
      t.call('DELETE', `/api/playlists/${id}/items/${a}`, 'trainer'),
    ]);
    expect(removal.status).toBe(200);
    expect([200, 409]).toContain(reorder.status);
    const final = one.parse((await t.call('GET', `/api/playlists/${id}`, 'trainer')).body).data;
    expect(final.items.map((clip) => clip.id).sort()).toEqual([b, third].sort());
  });

  it('refuses clips outside the recording or ending before they start, with a message, saving nothing', async () => {
    const { id } = await playlistWithClips([]);
    const duration = Math.max(danas[0]!.duration, Math.round(danas[0]!.duration));
    const before = await t.count('playlist_items');
    const cases: [unknown, number, RegExp][] = [
      [{ startSeconds: 2, endSeconds: 2 }, 400, /^endSeconds: must be after startSeconds/],
      [{ startSeconds: 3, endSeconds: 1 }, 400, /^endSeconds/],
      [{ startSeconds: 0, endSeconds: duration + 1 }, 400, /^endSeconds: must be within the recording/],
      [{ startSeconds: duration + 1, endSeconds: duration + 2 }, 400, /^startSeconds/],
      [{ startSeconds: -1, endSeconds: 1 }, 400, /startSeconds/],
      [{ startSeconds: 0, endSeconds: 1, note: 'x'.repeat(2001) }, 400, /note/],
    ];
    for (const [body, status, message] of cases) {
      const response = await t.call('POST', `/api/playlists/${id}/items`, 'trainer', {
        activityId: danas[0]!.activityId,
        ...(body as object),
      });
      expect(response.status).toBe(status);
      expect(response.body.description).toMatch(message);
    }
    const unseen = (await t.recordingsOf('agent2'))[0]!;
    // Sam's call is in a team trainer does not see: hidden, like a missing recording.
    expect(
      (
        await t.call('POST', `/api/playlists/${id}/items`, 'trainer', {
          activityId: unseen.activityId,
          startSeconds: 0,
          endSeconds: 1,
        })
      ).status,
    ).toBe(404);
    expect((await t.call('POST', '/api/playlists', 'trainer', { title: '  ' })).status).toBe(400);
    expect(await t.count('playlist_items')).toBe(before);
  });

  it('grants assignees exactly the clips: nothing else of the recording, 404 for everyone not assigned', async () => {
    // Dana's clip, assigned to Sam (agent2), who may not see Dana's conversation.
    const { id, items } = await playlistWithClips([[0, 2]]);
    expect((await t.call('GET', `/api/playlists/${id}`, 'agent2')).status).toBe(404);
    expect((await t.call('GET', `/api/playlists/${id}`, 'supervisor')).status).toBe(404);
    const assigned = await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', {
      usernames: ['agent2'],
      dueAt: '2030-01-31T17:00:00Z',
    });
    expect(assigned.status).toBe(200);

    const seen = one.parse((await t.call('GET', `/api/playlists/${id}`, 'agent2')).body).data;
    expect(seen.items[0]!.recordingUrl).toMatch(/\/media\//);
    const media = await t.ctx.app.inject({
      method: 'GET',
      url: new URL(seen.items[0]!.recordingUrl!).pathname + new URL(seen.items[0]!.recordingUrl!).search,
      headers: { range: 'bytes=0-9' },
    });
    expect(media.statusCode).toBe(206);

    const { activityId, objectId } = danas[0]!;
    expect(
      (await t.call('GET', `/api/objects/${objectId}/activities?activityType=27`, 'agent2')).status,
    ).toBe(404);
    expect((await t.call('GET', `/api/activities/${activityId}/evaluations`, 'agent2')).status).toBe(404);
    expect((await t.call('GET', `/api/activities/${activityId}/annotations`, 'agent2')).status).toBe(404);
    // An assignee watches; they do not edit.
    expect((await t.call('PATCH', `/api/playlists/${id}`, 'agent2', { title: 'mine' })).status).toBe(403);
    expect((await t.call('POST', '/api/playlists', 'agent2', { title: 'mine' })).status).toBe(403);
    expect((await t.call('GET', `/api/playlists/${id}/assignments`, 'agent2')).status).toBe(403);
    // Not an assignee: no progress.
    expect(
      (
        await t.call('PUT', `/api/playlists/${id}/items/${items[0]!.id}/progress`, 'trainer', {
          playedRanges: [[0, 1]],
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', { usernames: ['nobody'] })).body
        .description,
    ).toMatch(/^usernames: no such user: nobody/);
  });

  it('measures progress from the ranges played: skipping ahead does not count; finished once all clips are', async () => {
    const { id, items } = await playlistWithClips([
      [0, 10],
      [1, 3],
    ]);
    await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', { usernames: ['agent'] });
    const url = (index: number) => `/api/playlists/${id}/items/${items[index]!.id}/progress`;
    const report = async (index: number, playedRanges: [number, number][]) => {
      const response = await t.call('PUT', url(index), 'agent', { playedRanges });
      expect(response.status).toBe(200);
      return progress.parse(response.body).data;
    };

    // Played 0–2, skipped to 8, played to the end: 4 of 10 s.
    expect(
      await report(0, [
        [0, 2],
        [8, 10],
      ]),
    ).toMatchObject({ watched: false, watchedSeconds: 4 });
    // Overlaps merge; ranges outside the clip do not count.
    expect(
      await report(0, [
        [1.5, 6],
        [10, 40],
      ]),
    ).toMatchObject({
      playedRanges: [
        [0, 6],
        [8, 10],
      ],
      watchedSeconds: 8,
      watched: false,
    });
    expect(await report(0, [[6, 7]])).toMatchObject({ watchedSeconds: 9, watched: true });
    let mine = training.parse((await t.call('GET', '/api/me/training', 'agent')).body).data;
    expect(mine.find((entry) => entry.playlistId === id)).toMatchObject({
      watchedItems: 1,
      totalItems: 2,
      completedAt: null,
    });

    // Another device reports later ranges: saved progress is kept, not overwritten.
    expect(await report(1, [[1, 2.9]])).toMatchObject({ watched: true });
    const resumed = one.parse((await t.call('GET', `/api/playlists/${id}`, 'agent')).body).data;
    expect(resumed.items[0]!.progress).toMatchObject({
      playedRanges: [
        [0, 7],
        [8, 10],
      ],
      watched: true,
    });
    mine = training.parse((await t.call('GET', '/api/me/training', 'agent')).body).data;
    expect(mine.find((entry) => entry.playlistId === id)?.completedAt).not.toBeNull();

    const completion = table.parse(
      (await t.call('GET', `/api/playlists/${id}/assignments`, 'trainer')).body,
    ).data;
    expect(completion).toHaveLength(1);
    expect(completion[0]).toMatchObject({ user: { username: 'agent' } });
    expect(completion[0]!.watchedItemIds.sort()).toEqual(items.map((clip) => clip.id).sort());
    expect(completion[0]!.completedAt).not.toBeNull();

    const bad = await t.call('PUT', url(0), 'agent', { playedRanges: [[5, 1]] });
    expect(bad.status).toBe(400);
    expect(bad.body.description).toMatch(/^playedRanges\.0/);
  });

  it('assigns a team’s agents with a due date, beside named users; an unknown team is refused', async () => {
    const { id } = await playlistWithClips([[0, 1]]);
    const team = await t.ctx.db.query<{ id: string }>(
      `select m.team_id::text as id from team_members m join users u on u.id = m.user_id where u.username = 'agent'`,
    );
    const dueAt = '2031-03-01T17:00:00.000Z';
    const assigned = table.parse(
      (
        await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', {
          teams: [team.rows[0]!.id],
          usernames: ['agent2'],
          dueAt,
        })
      ).body,
    ).data;
    expect(assigned.map((row) => row.user.username).sort()).toEqual(['agent', 'agent2']);
    expect(assigned.every((row) => row.dueAt === dueAt)).toBe(true);
    const mine = training.parse((await t.call('GET', '/api/me/training', 'agent')).body).data;
    expect(mine.find((entry) => entry.playlistId === id)).toMatchObject({ dueAt, totalItems: 1 });

    const unknown = await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', {
      teams: ['999999'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.description).toMatch(/^teams: no such team: 999999/);
    const nobody = await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', {});
    expect(nobody.status).toBe(400);
    expect(nobody.body.description).toMatch(/at least one user or team/);
  });

  it('shows a clip whose recording was deleted as no longer available; the rest still plays', async () => {
    const { id, items } = await playlistWithClips([
      [0, 1],
      [0, 2],
    ]);
    await t.call('POST', `/api/playlists/${id}/assignments`, 'trainer', { usernames: ['agent'] });
    await t.ctx.db.query('update playlist_items set activity_id = null where id = $1', [items[0]!.id]);
    const after = one.parse((await t.call('GET', `/api/playlists/${id}`, 'agent')).body).data;
    expect(after.items[0]).toMatchObject({ available: false, recordingUrl: null });
    expect(after.items[1]).toMatchObject({ available: true });
    expect(after.totalSeconds).toBe(2);
  });

  it('records every change once in the audit trail, on the playlist, naming who made it', async () => {
    const { id, items } = await playlistWithClips([
      [0, 1],
      [1, 2],
    ]);
    const [a, b] = items.map((clip) => clip.id) as [string, string];
    const changes: [Parameters<typeof t.call>, string][] = [
      [['PATCH', `/api/playlists/${id}`, 'qa', { title: 'Refunds, calmly' }], 'playlist.updated'],
      [
        ['PATCH', `/api/playlists/${id}/items/${a}`, 'trainer', { note: 'the apology' }],
        'playlist.item_updated',
      ],
      [['PUT', `/api/playlists/${id}/items/order`, 'qa', { itemIds: [b, a] }], 'playlist.reordered'],
      [
        ['POST', `/api/playlists/${id}/assignments`, 'trainer', { usernames: ['agent'] }],
        'playlist.assigned',
      ],
      [['DELETE', `/api/playlists/${id}/items/${b}`, 'trainer'], 'playlist.item_removed'],
      [['DELETE', `/api/playlists/${id}`, 'admin'], 'playlist.deleted'],
    ];
    for (const [request] of changes) expect((await t.call(...request)).status).toBe(200);

    const trail = await t.call('GET', `/api/audit?resourceId=${id}&action=playlist.*&limit=500`, 'admin');
    expect(trail.status).toBe(200);
    const entries = envelopeSchema(z.array(auditEntrySchema))
      .parse(trail.body)
      .data.filter((entry) => entry.resource?.type === 'playlist');
    const byAction = (action: string) => entries.filter((entry) => entry.action === action);
    const expected: [string, string, number][] = [
      ['playlist.created', 'trainer', 1],
      ['playlist.item_added', 'trainer', 2],
      ...changes.map(([request, action]): [string, string, number] => [action, request[2], 1]),
    ];
    for (const [action, actor, count] of expected) {
      const found = byAction(action);
      expect(found, action).toHaveLength(count);
      for (const entry of found) {
        expect(entry).toMatchObject({ actor: { username: actor }, resource: { type: 'playlist', id } });
        expect(entry.outcome).toBe('success');
      }
    }
    expect(entries).toHaveLength(expected.reduce((sum, [, , count]) => sum + count, 0));
    expect(byAction('playlist.item_updated')[0]!.details).toEqual({ itemId: a, note: 'the apology' });
    expect(byAction('playlist.assigned')[0]!.details).toMatchObject({ usernames: ['agent'] });

    // A refused change is recorded as refused, not as a change.
    const other = (await playlistWithClips([])).id;
    expect((await t.call('PATCH', `/api/playlists/${other}`, 'agent', { title: 'x' })).status).toBe(404);
    const refused = envelopeSchema(z.array(auditEntrySchema)).parse(
      (await t.call('GET', `/api/audit?resourceId=${other}&action=playlist.updated`, 'admin')).body,
    ).data;
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: 'denied', actor: { username: 'agent' } });
  });
});
