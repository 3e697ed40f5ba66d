import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema } from '../../../../contract/envelope';
import { annotationSchema } from '../../../../contract/annotations';
import { databaseKinds, signIn } from '../../../test/harness';
import { useQaTestApp } from '../../../test/qa-app';

const one = envelopeSchema(annotationSchema);
const many = envelopeSchema(z.array(annotationSchema));

describe.each(databaseKinds())('Annotations API on %s', (kind) => {
  const t = useQaTestApp(kind);
  let recording: { activityId: string; objectId: string; duration: number };
  let url: string;

  beforeAll(async () => {
    recording = (await t.recordingsOf('agent'))[0]!;
    url = `/api/activities/${recording.activityId}/annotations`;
  });

  it('adds, lists, edits and deletes annotations; the author only changes their own', async () => {
    const created = await t.call('POST', url, 'qa', {
      startSeconds: 1.5,
      endSeconds: 4,
      text: 'Greets without <i>name</i> & "quotes"',
      tags: ['greeting', 'coaching'],
    });
    expect(created.status).toBe(201);
    const note = one.parse(created.body).data;
    expect(note).toMatchObject({
      startSeconds: 1.5,
      endSeconds: 4,
      text: 'Greets without <i>name</i> & "quotes"',
    });
    const byTrainer = await t.call('POST', url, 'trainer', { startSeconds: 2, text: 'Good example' });
    expect(byTrainer.status).toBe(201);

    // Visible to everyone who sees the recording, including its agent; sorted by time.
    for (const user of ['agent', 'trainer', 'admin'] as const) {
      const listed = many.parse((await t.call('GET', url, user)).body).data;
      expect(listed.map((item) => item.text)).toEqual([note.text, 'Good example']);
    }
    for (const user of ['agent2', 'supervisor'] as const)
      expect((await t.call('GET', url, user)).status).toBe(404);

    expect((await t.call('POST', url, 'agent', { startSeconds: 1, text: 'mine' })).status).toBe(403);
    expect((await t.call('POST', url, 'supervisor', { startSeconds: 1, text: 'x' })).status).toBe(404);
    expect((await t.call('PATCH', `/api/annotations/${note.id}`, 'trainer', { text: 'hijack' })).status).toBe(
      403,
    );
    expect((await t.call('DELETE', `/api/annotations/${note.id}`, 'admin')).status).toBe(403);
    expect((await t.call('PATCH', `/api/annotations/${note.id}`, 'agent2', { text: 'x' })).status).toBe(404);

    const patched = await t.call('PATCH', `/api/annotations/${note.id}`, 'qa', {
      text: 'Edited',
      endSeconds: null,
    });
    expect(one.parse(patched.body).data).toMatchObject({
      text: 'Edited',
      endSeconds: null,
      startSeconds: 1.5,
    });
    expect((await t.call('DELETE', `/api/annotations/${note.id}`, 'qa')).status).toBe(200);
    expect((await t.call('PATCH', `/api/annotations/${note.id}`, 'qa', { text: 'gone' })).status).toBe(404);
  });

  it('works with the SPA’s session cookie and CSRF token', async () => {
    const session = await signIn(t.ctx.app, 'qa');
    const withoutToken = await t.ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie },
      payload: { startSeconds: 0, text: 'csrf' },
    });
    expect(withoutToken.statusCode).toBe(403);
    const withToken = await t.ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { startSeconds: 0, text: 'csrf' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('answers out-of-range times and oversized text with a 400 naming the field, saving nothing', async () => {
    const before = await t.count('annotations');
    const duration = Math.max(recording.duration, Math.round(recording.duration));
    const cases: [unknown, RegExp][] = [
      [{ startSeconds: -1, text: 'x' }, /^startSeconds/],
      [{ startSeconds: duration + 1, text: 'x' }, /^startSeconds/],
      [{ startSeconds: 1, endSeconds: 1, text: 'x' }, /^endSeconds/],
      [{ startSeconds: 1, endSeconds: duration + 0.5, text: 'x' }, /^endSeconds/],
      [{ startSeconds: 1, text: '' }, /^text/],
      [{ startSeconds: 1, text: 'x'.repeat(2001) }, /^text/],
      [{ startSeconds: 1, text: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /^tags/],
      [{ startSeconds: 1, text: 'x', tags: ['x'.repeat(41)] }, /^tags\.0/],
    ];
    for (const [body, field] of cases) {
      const response = await t.call('POST', url, 'qa', body);
      expect(response.status).toBe(400);
      expect(response.body.description).toMatch(field);
    }
    const atEnd = await t.call('POST', url, 'qa', { startSeconds: duration, text: 'the very end' });
    expect(atEnd.status).toBe(201);
    const id = one.parse(atEnd.body).data.id;
    const badPatch = await t.call('PATCH', `/api/annotations/${id}`, 'qa', { startSeconds: duration + 5 });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.description).toMatch(/^startSeconds/);
    expect(await t.count('annotations')).toBe(before + 1);
  });
});
