import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema } from '../../../../contract/envelope';
import { disputeListItemSchema } from '../../../../contract/disputes';
import {
  evaluationEventSchema,
  evaluationSchema,
  recordingQaSummarySchema,
  type Evaluation,
} from '../../../../contract/evaluations';
import { scorecardSchema, type Scorecard } from '../../../../contract/scorecards';
import { databaseKinds } from '../../../test/harness';
import { useQaTestApp } from '../../../test/qa-app';

const one = envelopeSchema(evaluationSchema);
const many = envelopeSchema(z.array(evaluationSchema));

describe.each(databaseKinds())('Evaluations API on %s', (kind) => {
  const t = useQaTestApp(kind);
  let scorecard: Scorecard;
  let recording: { activityId: string; objectId: string };
  let otherRecording: { activityId: string; objectId: string };

  const evaluation = (body: unknown) => one.parse(body).data;
  async function start(
    as: 'qa' | 'admin' = 'qa',
    activityId = recording.activityId,
    scorecardId = scorecard.id,
  ) {
    const response = await t.call('POST', `/api/activities/${activityId}/evaluations`, as, { scorecardId });
    expect(response.status).toBe(201);
    return evaluation(response.body);
  }
  const complete = {
    greet: { value: 3, comment: 'Warm' },
    verify: { value: 1, comment: null },
    share: { value: 'na', comment: null },
  };
  async function submitted(as: 'qa' | 'admin' = 'qa') {
    const draft = await start(as);
    const saved = await t.call('PUT', `/api/evaluations/${draft.id}`, as, {
      version: draft.version,
      ratings: complete,
    });
    expect(saved.status).toBe(200);
    const done = await t.call('POST', `/api/evaluations/${draft.id}/submit`, as, {});
    expect(done.status).toBe(200);
    return evaluation(done.body);
  }

  beforeAll(async () => {
    recording = (await t.recordingsOf('agent'))[0]!;
    otherRecording = (await t.recordingsOf('agent2'))[0]!;
    const created = await t.call('POST', '/api/scorecards', 'qa', {
      name: 'Calibration card',
      sections: [
        {
          id: 'main',
          title: 'Main',
          criteria: [
            { id: 'greet', title: 'Greets', scale: '3', weight: 1 },
            { id: 'verify', title: 'Verifies identity', scale: 'binary', weight: 2, critical: true },
            { id: 'share', title: 'Screen share', scale: '5', weight: 1, allowNa: true },
          ],
        },
      ],
    });
    scorecard = envelopeSchema(scorecardSchema).parse(created.body).data;
  });

  it('lets only admins and QA managers who see the recording start an evaluation', async () => {
    const url = `/api/activities/${recording.activityId}/evaluations`;
    expect((await t.call('POST', url, 'agent', { scorecardId: scorecard.id })).status).toBe(403);
    expect((await t.call('POST', url, 'trainer', { scorecardId: scorecard.id })).status).toBe(403);
    expect((await t.call('POST', url, 'supervisor', { scorecardId: scorecard.id })).status).toBe(404);
    expect((await t.call('POST', url, 'agent2', { scorecardId: scorecard.id })).status).toBe(404);
    expect(
      (await t.call('POST', '/api/activities/999999999/evaluations', 'qa', { scorecardId: scorecard.id }))
        .status,
    ).toBe(404);
    const bad = await t.call('POST', url, 'qa', { scorecardId: '999999' });
    expect(bad.status).toBe(400);
    expect(bad.body.description).toMatch(/^scorecardId/);

    const draft = await start();
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      score: null,
      activityId: recording.activityId,
    });
    expect(draft.scorecard).toMatchObject({ id: scorecard.id, version: 1 });
  });

  it('saves drafts with optimistic concurrency: a stale version gets 409 with the server’s copy', async () => {
    const draft = await start();
    const first = await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', {
      version: 1,
      ratings: { greet: { value: 2, comment: 'ok' } },
      overallComment: 'Half done <b>not html</b>',
    });
    expect(first.status).toBe(200);
    const saved = evaluation(first.body);
    expect(saved).toMatchObject({ version: 2, score: 50, overallComment: 'Half done <b>not html</b>' });

    const stale = await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', { version: 1, ratings: {} });
    expect(stale.status).toBe(409);
    expect(evaluationSchema.parse(stale.body.data)).toMatchObject({ version: 2, ratings: saved.ratings });

    // Autosaves within a minute are one 'edited' event.
    await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', {
      version: 2,
      ratings: { greet: { value: 3 } },
    });
    const history = z
      .array(evaluationEventSchema)
      .parse((await t.call('GET', `/api/evaluations/${draft.id}/history`, 'qa')).body.data);
    expect(history.map((event) => event.action)).toEqual(['created', 'edited']);
    const staleSubmit = await t.call('POST', `/api/evaluations/${draft.id}/submit`, 'qa', { version: 2 });
    expect(staleSubmit.status).toBe(409);
    expect(staleSubmit.body.data).toMatchObject({ version: 3, status: 'draft' });
  });

  it('answers bad ratings with a 400 naming the field and saves nothing', async () => {
    const draft = await start();
    const events = await t.count('evaluation_events');
    const cases: [unknown, RegExp][] = [
      [{ nope: { value: 1 } }, /^ratings\.nope/],
      [{ greet: { value: 4 } }, /^ratings\.greet\.value/],
      [{ verify: { value: 2 } }, /^ratings\.verify\.value/],
      [{ greet: { value: 'na' } }, /^ratings\.greet\.value/],
      [{ greet: { value: 1.5 } }, /^ratings\.greet\.value/],
      [{ greet: { value: 2, comment: 'x'.repeat(2001) } }, /^ratings\.greet\.comment/],
    ];
    for (const [ratings, field] of cases) {
      const response = await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', { version: 1, ratings });
      expect(response.status).toBe(400);
      expect(response.body.description).toMatch(field);
    }
    const tooLong = await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', {
      version: 1,
      ratings: {},
      overallComment: 'x'.repeat(5001),
    });
    expect(tooLong.body.description).toMatch(/^overallComment/);
    const after = evaluation((await t.call('GET', `/api/evaluations/${draft.id}`, 'qa')).body);
    expect(after).toMatchObject({ version: 1, ratings: {} });
    expect(await t.count('evaluation_events')).toBe(events);
  });

  it('submits only complete evaluations, and shows them to those who may see the recording', async () => {
    const draft = await start();
    await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', {
      version: 1,
      ratings: { greet: { value: 3 } },
    });
    const incomplete = await t.call('POST', `/api/evaluations/${draft.id}/submit`, 'qa', {});
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.description).toMatch(/^ratings\.verify/);

    // Drafts: the reviewer's own only.
    for (const user of ['agent', 'trainer', 'admin', 'agent2'] as const) {
      expect((await t.call('GET', `/api/evaluations/${draft.id}`, user)).status).toBe(404);
    }

    const done = await submitted();
    expect(done).toMatchObject({ status: 'submitted', revision: 1, score: 100 });
    expect(done.revisions).toHaveLength(1);
    for (const user of ['agent', 'trainer', 'admin'] as const) {
      expect((await t.call('GET', `/api/evaluations/${done.id}`, user)).status).toBe(200);
    }
    for (const user of ['agent2', 'supervisor'] as const) {
      expect((await t.call('GET', `/api/evaluations/${done.id}`, user)).status).toBe(404);
    }
    const agentList = many.parse(
      (await t.call('GET', `/api/activities/${recording.activityId}/evaluations`, 'agent')).body,
    ).data;
    expect(agentList.length).toBeGreaterThan(0);
    expect(agentList.every((item) => item.status !== 'draft')).toBe(true);
    expect(
      (await t.call('GET', `/api/activities/${recording.activityId}/evaluations`, 'agent2')).status,
    ).toBe(404);
    expect(
      (await t.call('PUT', `/api/evaluations/${done.id}`, 'qa', { version: done.version, ratings: {} }))
        .status,
    ).toBe(409);
    expect(
      (await t.call('PUT', `/api/evaluations/${done.id}`, 'admin', { version: done.version, ratings: {} }))
        .status,
    ).toBe(403);
  });

  it('zeroes the score when a critical criterion fails', async () => {
    const draft = await start();
    const saved = await t.call('PUT', `/api/evaluations/${draft.id}`, 'qa', {
      version: 1,
      ratings: { greet: { value: 3 }, verify: { value: 0 }, share: { value: 'na' } },
    });
    expect(evaluation(saved.body).score).toBe(0);
  });

  it('keeps old evaluations on the version they were made with when the scorecard is edited', async () => {
    const old = await submitted();
    const edited = await t.call('PUT', `/api/scorecards/${scorecard.id}`, 'qa', {
      version: scorecard.currentVersion,
      name: 'Calibration card',
      sections: [
        { id: 'main', title: 'Main', criteria: [{ id: 'greet', title: 'Greets', scale: '5', weight: 1 }] },
      ],
    });
    expect(edited.status).toBe(200);
    const reread = evaluation((await t.call('GET', `/api/evaluations/${old.id}`, 'agent')).body);
    expect(reread.scorecard.version).toBe(1);
    expect(reread.scorecard.sections[0]!.criteria.map((c) => c.id)).toEqual(['greet', 'verify', 'share']);
    const fresh = await start();
    expect(fresh.scorecard.version).toBe(2);
    expect(fresh.scorecard.sections[0]!.criteria.map((c) => c.id)).toEqual(['greet']);
    scorecard = envelopeSchema(scorecardSchema).parse(edited.body).data;
    // Back to a definition the other tests rate against.
    const restored = await t.call('PUT', `/api/scorecards/${scorecard.id}`, 'qa', {
      version: 2,
      name: 'Calibration card',
      sections: [{ id: 'main', title: 'Main', criteria: reread.scorecard.sections[0]!.criteria }],
    });
    scorecard = envelopeSchema(scorecardSchema).parse(restored.body).data;
  });

  it('lets the agent dispute; QA sees it open and revises it, keeping the old revision', async () => {
    const done = await submitted();
    expect((await t.call('POST', `/api/evaluations/${done.id}/dispute`, 'qa', { reason: 'x' })).status).toBe(
      403,
    );
    const empty = await t.call('POST', `/api/evaluations/${done.id}/dispute`, 'agent', { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.description).toMatch(/^reason/);
    const disputed = await t.call('POST', `/api/evaluations/${done.id}/dispute`, 'agent', {
      reason: 'I did verify.',
    });
    expect(evaluation(disputed.body).status).toBe('disputed');
    expect(
      (await t.call('POST', `/api/evaluations/${done.id}/dispute`, 'agent', { reason: 'again' })).status,
    ).toBe(409);

    const open = z.array(disputeListItemSchema).parse((await t.call('GET', '/api/disputes', 'qa')).body.data);
    const dispute = open.find((item) => item.evaluationId === done.id)!;
    expect(dispute).toMatchObject({ reason: 'I did verify.', outcome: null, revision: 1 });
    // The list carries what its rows show of the evaluation: no request per row.
    expect(dispute.evaluation).toEqual({ revision: 1, score: 100, scorecardName: 'Calibration card' });
    expect(
      z.array(disputeListItemSchema).parse((await t.call('GET', '/api/disputes', 'agent2')).body.data),
    ).toEqual([]);

    expect(
      (
        await t.call('POST', `/api/disputes/${dispute.id}/resolve`, 'trainer', {
          outcome: 'upheld',
          comment: 'no',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('POST', `/api/disputes/${dispute.id}/resolve`, 'agent2', {
          outcome: 'upheld',
          comment: 'no',
        })
      ).status,
    ).toBe(404);
    const revised = await t.call('POST', `/api/disputes/${dispute.id}/resolve`, 'qa', {
      outcome: 'revised',
      ratings: { greet: { value: 2 }, verify: { value: 1 }, share: { value: 'na' } },
      comment: 'Fair point on verification; greeting was short.',
    });
    expect(revised.status).toBe(200);
    const after = evaluation(revised.body);
    expect(after).toMatchObject({ status: 'submitted', revision: 2 });
    expect(after.revisions.map((r) => [r.revision, r.score])).toEqual([
      [1, 100],
      [2, after.score],
    ]);
    expect(after.disputes[0]).toMatchObject({ outcome: 'revised' });
    const resolvedRow = z
      .array(disputeListItemSchema)
      .parse((await t.call('GET', '/api/disputes?status=resolved', 'qa')).body.data)
      .find((item) => item.id === dispute.id)!;
    // The disputed revision stays 1; the evaluation has moved on to revision 2 and its new score.
    expect(resolvedRow).toMatchObject({ revision: 1, outcome: 'revised' });
    expect(resolvedRow.evaluation).toEqual({
      revision: 2,
      score: after.score,
      scorecardName: 'Calibration card',
    });
    expect(
      (await t.call('POST', `/api/disputes/${dispute.id}/resolve`, 'qa', { outcome: 'upheld', comment: 'x' }))
        .status,
    ).toBe(409);

    const history = z
      .array(evaluationEventSchema)
      .parse((await t.call('GET', `/api/evaluations/${done.id}/history`, 'agent')).body.data);
    expect(history.map((event) => [event.action, event.actor.first_name])).toEqual([
      ['created', 'Quinn'],
      ['edited', 'Quinn'],
      ['submitted', 'Quinn'],
      ['disputed', 'Dana'],
      ['revised', 'Quinn'],
    ]);
    expect(history.every((event) => !Number.isNaN(Date.parse(event.at)))).toBe(true);
    expect(history[4]!.details).toMatchObject({ revision: 2, previousRevision: 1 });

    const acknowledged = await t.call('POST', `/api/evaluations/${done.id}/acknowledge`, 'agent');
    expect(evaluation(acknowledged.body)).toMatchObject({ status: 'acknowledged' });
  });

  it('upholds a dispute with a comment', async () => {
    const done = await submitted('admin');
    await t.call('POST', `/api/evaluations/${done.id}/dispute`, 'agent', { reason: 'Too harsh' });
    const dispute = z
      .array(disputeListItemSchema)
      .parse((await t.call('GET', '/api/disputes', 'admin')).body.data)
      .find((d) => d.evaluationId === done.id)!;
    const noComment = await t.call('POST', `/api/disputes/${dispute.id}/resolve`, 'qa', {
      outcome: 'upheld',
    });
    expect(noComment.status).toBe(400);
    expect(noComment.body.description).toMatch(/^comment/);
    const upheld = await t.call('POST', `/api/disputes/${dispute.id}/resolve`, 'qa', {
      outcome: 'upheld',
      comment: 'Scored per the guide.',
    });
    expect(evaluation(upheld.body)).toMatchObject({ status: 'submitted', revision: 1 });
    const history = z
      .array(evaluationEventSchema)
      .parse((await t.call('GET', `/api/evaluations/${done.id}/history`, 'qa')).body.data);
    expect(history.at(-1)).toMatchObject({ action: 'upheld', details: { comment: 'Scored per the guide.' } });
    const resolved = z
      .array(disputeListItemSchema)
      .parse((await t.call('GET', '/api/disputes?status=resolved', 'qa')).body.data);
    expect(resolved.map((d) => d.id)).toContain(dispute.id);
  });

  it('summarises each recording’s QA state for the timeline', async () => {
    const summaryOf = async (objectId: string, as: 'qa' | 'agent2' | 'admin') =>
      envelopeSchema(z.array(recordingQaSummarySchema)).parse(
        (await t.call('GET', `/api/objects/${objectId}/qa-summary`, as)).body,
      ).data;
    const other = await summaryOf(otherRecording.objectId, 'qa');
    expect(other.find((row) => row.activityId === otherRecording.activityId)).toMatchObject({
      state: 'not_evaluated',
      latestScore: null,
    });
    await start('qa', otherRecording.activityId);
    expect(
      (await summaryOf(otherRecording.objectId, 'qa')).find(
        (row) => row.activityId === otherRecording.activityId,
      ),
    ).toMatchObject({ state: 'draft' });
    // Someone else's draft does not show.
    expect(
      (await summaryOf(otherRecording.objectId, 'admin')).find(
        (row) => row.activityId === otherRecording.activityId,
      ),
    ).toMatchObject({ state: 'not_evaluated', myDraftId: null });
    const mine = (await summaryOf(recording.objectId, 'qa')).find(
      (row) => row.activityId === recording.activityId,
    )!;
    expect(mine.state).toBe('submitted');
    expect(mine.submittedCount).toBeGreaterThanOrEqual(3);
    expect(mine.latestScore).not.toBeNull();
    expect((await t.call('GET', `/api/objects/${recording.objectId}/qa-summary`, 'agent2')).status).toBe(404);
  });
});

export type { Evaluation };
