import { beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../contract/envelope';
import { evaluationSchema } from '../../../contract/evaluations';
import { queueSchema, type Queue } from '../../../contract/queue';
import { scorecardSchema, type Scorecard } from '../../../contract/scorecards';
import { databaseKinds } from '../../test/harness';
import { useQaTestApp, type DemoUsername } from '../../test/qa-app';

type QueueOf<Kind extends Queue['kind']> = Extract<Queue, { kind: Kind }>;

describe.each(databaseKinds())('The caller’s queue on %s', (kind) => {
  const t = useQaTestApp(kind);
  let scorecard: Scorecard;
  let danas: { activityId: string; objectId: string }[];
  let sams: { activityId: string; objectId: string }[];

  async function queueOf(as: DemoUsername): Promise<Queue> {
    const response = await t.call('GET', '/api/queue', as);
    expect(response.status).toBe(200);
    return envelopeSchema(queueSchema).parse(response.body).data;
  }
  async function reviewerQueue(as: 'qa' | 'admin') {
    const queue = await queueOf(as);
    expect(queue.kind).toBe('reviewer');
    return queue as QueueOf<'reviewer'>;
  }
  async function agentQueue(as: 'agent' | 'agent2') {
    const queue = await queueOf(as);
    expect(queue.kind).toBe('agent');
    return queue as QueueOf<'agent'>;
  }
  const ids = (items: { activityId: string }[]) => items.map((item) => item.activityId);
  const evaluation = (body: unknown) => envelopeSchema(evaluationSchema).parse(body).data;

  async function startDraft(activityId: string, as: 'qa' | 'admin' = 'qa') {
    const response = await t.call('POST', `/api/activities/${activityId}/evaluations`, as, {
      scorecardId: scorecard.id,
    });
    expect(response.status).toBe(201);
    return evaluation(response.body);
  }
  async function rateAndSubmit(draft: { id: string; version: number }, as: 'qa' | 'admin' = 'qa') {
    const saved = await t.call('PUT', `/api/evaluations/${draft.id}`, as, {
      version: draft.version,
      ratings: { greet: { value: 2, comment: null } },
    });
    expect(saved.status).toBe(200);
    const submitted = await t.call('POST', `/api/evaluations/${draft.id}/submit`, as, {});
    expect(submitted.status).toBe(200);
    return evaluation(submitted.body);
  }

  /** The agent's recordings, newest first, straight from the database (the test's own knowledge). */
  async function newestFirst(agent: 'agent' | 'agent2') {
    const { rows } = await t.ctx.db.query<{ activityId: string; objectId: string }>(
      `select a.id::text as "activityId", a.object_id::text as "objectId"
       from activities a join users u on u.id = a.user_id
       where u.username = $1 and a.activity_type = 27 order by a.created_time desc, a.id desc`,
      [agent],
    );
    return rows;
  }

  beforeAll(async () => {
    danas = await newestFirst('agent');
    sams = await newestFirst('agent2');
    expect(danas.length).toBeGreaterThanOrEqual(3);
    expect(sams.length).toBeGreaterThanOrEqual(1);
    const created = await t.call('POST', '/api/scorecards', 'qa', {
      name: 'Queue card',
      sections: [
        { id: 'main', title: 'Main', criteria: [{ id: 'greet', title: 'Greets', scale: '3', weight: 1 }] },
      ],
    });
    scorecard = envelopeSchema(scorecardSchema).parse(created.body).data;
  });

  it('answers 401 without credentials and is in the OpenAPI document', async () => {
    const response = await t.ctx.app.inject({ method: 'GET', url: '/api/queue' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ status: 401 });
    const docs = await t.ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys((docs.json() as { paths: object }).paths)).toContain('/api/queue');
  });

  it('gives reviewers the visible unevaluated recordings, newest first, and no drafts or disputes yet', async () => {
    const admin = await reviewerQueue('admin');
    const everyRecording = [...danas, ...sams];
    expect(admin.toEvaluateTotal).toBe(everyRecording.length);
    expect(admin.toEvaluate.length).toBe(Math.min(20, everyRecording.length));
    expect(admin.yourDrafts).toEqual([]);
    expect(admin.openDisputes).toBe(0);
    const times = admin.toEvaluate.map((item) => Date.parse(item.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const item = admin.toEvaluate.find((entry) => entry.activityId === danas[0]!.activityId)!;
    expect(item).toMatchObject({
      objectId: danas[0]!.objectId,
      agent: { first_name: 'Dana', last_name: 'Whitfield' },
    });
    expect(item.objectTitle).not.toBe('');
    expect(item.duration).toBeGreaterThan(0);
  });

  it('gives trainers and supervisors their teams’ latest recordings only', async () => {
    const trainer = await queueOf('trainer');
    expect(trainer.kind).toBe('team');
    expect(ids((trainer as QueueOf<'team'>).recent)).toEqual(ids(danas).slice(0, 20));

    const supervisor = (await queueOf('supervisor')) as QueueOf<'team'>;
    expect(supervisor.kind).toBe('team');
    expect(ids(supervisor.recent)).toEqual(ids(sams).slice(0, 20));
    expect(supervisor.recent.every((item) => item.latestScore === null)).toBe(true);
  });

  it('moves a recording from to-evaluate to your drafts, and out of both on submit; the agent sees it to acknowledge', async () => {
    const target = danas[1]!;
    const before = { qa: await reviewerQueue('qa'), admin: await reviewerQueue('admin') };
    expect(ids(before.qa.toEvaluate)).toContain(target.activityId);
    const draft = await startDraft(target.activityId);

    let qa = await reviewerQueue('qa');
    expect(ids(qa.toEvaluate)).not.toContain(target.activityId);
    expect(qa.toEvaluateTotal).toBe(before.qa.toEvaluateTotal - 1);
    expect(ids(qa.yourDrafts)).toEqual([target.activityId]);
    expect(qa.yourDrafts[0]).toMatchObject({ evaluationId: draft.id, score: null });
    // Someone else's draft does not take the recording off another reviewer's list.
    expect((await reviewerQueue('admin')).toEvaluateTotal).toBe(before.admin.toEvaluateTotal);
    // Agents never see drafts.
    let agent = await agentQueue('agent');
    expect(agent.toAcknowledge).toEqual([]);

    const submitted = await rateAndSubmit(draft);
    qa = await reviewerQueue('qa');
    expect(ids(qa.toEvaluate)).not.toContain(target.activityId);
    expect(ids(qa.yourDrafts)).not.toContain(target.activityId);
    expect(qa.toEvaluateTotal).toBe(before.qa.toEvaluateTotal - 1);
    expect((await reviewerQueue('admin')).toEvaluateTotal).toBe(before.admin.toEvaluateTotal - 1);

    agent = await agentQueue('agent');
    expect(agent.toAcknowledge).toHaveLength(1);
    expect(agent.toAcknowledge[0]).toMatchObject({
      activityId: target.activityId,
      objectId: target.objectId,
      evaluationId: submitted.id,
      score: submitted.score,
      evaluator: { first_name: submitted.evaluator.first_name, last_name: submitted.evaluator.last_name },
    });
    expect(agent.recent.find((item) => item.activityId === target.activityId)?.latestScore).toBe(
      submitted.score,
    );
    const trainer = (await queueOf('trainer')) as QueueOf<'team'>;
    expect(trainer.recent.find((item) => item.activityId === target.activityId)?.latestScore).toBe(
      submitted.score,
    );
    // The other agent sees nothing of it.
    const sam = await agentQueue('agent2');
    expect(sam.toAcknowledge).toEqual([]);

    const acknowledged = await t.call('POST', `/api/evaluations/${submitted.id}/acknowledge`, 'agent');
    expect(acknowledged.status).toBe(200);
    expect((await agentQueue('agent')).toAcknowledge).toEqual([]);
  });

  it('counts open disputes for reviewers and drops a disputed evaluation from the agent’s list', async () => {
    const target = danas[2]!;
    const submitted = await rateAndSubmit(await startDraft(target.activityId, 'admin'), 'admin');
    expect(ids((await agentQueue('agent')).toAcknowledge)).toEqual([target.activityId]);

    const disputed = await t.call('POST', `/api/evaluations/${submitted.id}/dispute`, 'agent', {
      reason: 'The customer hung up first.',
    });
    expect(disputed.status).toBe(200);
    expect((await agentQueue('agent')).toAcknowledge).toEqual([]);
    expect((await reviewerQueue('qa')).openDisputes).toBe(1);
    expect((await reviewerQueue('admin')).openDisputes).toBe(1);
  });

  it('shows agents only their own recordings', async () => {
    const dana = await agentQueue('agent');
    expect(ids(dana.recent)).toEqual(ids(danas).slice(0, 20));
    const sam = await agentQueue('agent2');
    expect(ids(sam.recent)).toEqual(ids(sams).slice(0, 20));
    expect(sam.recent.every((item) => item.agent.first_name === 'Sam')).toBe(true);
  });
});
