import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema } from '../../../../contract/envelope';
import { scorecardSchema, type Scorecard, type ScorecardInput } from '../../../../contract/scorecards';
import { databaseKinds } from '../../../test/harness';
import { useQaTestApp } from '../../../test/qa-app';

const list = envelopeSchema(z.array(scorecardSchema));
const one = envelopeSchema(scorecardSchema);

const simpleCard: ScorecardInput = {
  name: 'Chat etiquette',
  sections: [
    {
      title: 'Tone',
      criteria: [
        { title: 'Polite', scale: '5', weight: 1 },
        { title: 'Uses the customer’s name', scale: 'binary', weight: 0.5, allowNa: true },
      ],
    },
  ],
};

describe.each(databaseKinds())('Scorecards API on %s', (kind) => {
  const t = useQaTestApp(kind);

  it('lists the demo scorecards to every signed-in role, with stable criterion ids', async () => {
    for (const user of ['admin', 'qa', 'trainer', 'agent'] as const) {
      const response = await t.call('GET', '/api/scorecards', user);
      expect(response.status).toBe(200);
      const names = list.parse(response.body).data.map((card) => card.name);
      expect(names).toEqual(expect.arrayContaining(['Video support call', 'Compliance']));
    }
    const compliance = list
      .parse((await t.call('GET', '/api/scorecards', 'qa')).body)
      .data.find((card) => card.name === 'Compliance')!;
    const criteria = compliance.sections.flatMap((section) => section.criteria);
    expect(criteria.find((c) => c.id === 'identity-verification')).toMatchObject({
      critical: true,
      scale: 'binary',
    });
    expect(criteria.find((c) => c.id === 'recording-disclosure')).toMatchObject({ critical: true });
  });

  it('creates (admin and QA only), edits into new versions with optimistic concurrency, and archives', async () => {
    const forbidden = await t.call('POST', '/api/scorecards', 'trainer', simpleCard);
    expect(forbidden.status).toBe(403);

    const created = await t.call('POST', '/api/scorecards', 'qa', simpleCard);
    expect(created.status).toBe(201);
    const v1: Scorecard = one.parse(created.body).data;
    expect(v1).toMatchObject({ version: 1, currentVersion: 1, archived: false, name: 'Chat etiquette' });
    const [polite, name] = v1.sections[0]!.criteria;
    expect(polite!.id).toMatch(/^c-/);

    // Edit: keep the ids, change a weight, add a criterion.
    const edit = {
      version: 1,
      name: 'Chat etiquette',
      sections: [
        {
          id: v1.sections[0]!.id,
          title: 'Tone',
          criteria: [
            { ...polite!, weight: 2 },
            name!,
            { title: 'Signs off properly', scale: '3', weight: 1 },
          ],
        },
      ],
    };
    const edited = await t.call('PUT', `/api/scorecards/${v1.id}`, 'admin', edit);
    expect(edited.status).toBe(200);
    const v2 = one.parse(edited.body).data;
    expect(v2.version).toBe(2);
    expect(v2.sections[0]!.criteria.map((c) => c.id).slice(0, 2)).toEqual([polite!.id, name!.id]);

    // The same edit again, from version 1: stale.
    const stale = await t.call('PUT', `/api/scorecards/${v1.id}`, 'qa', edit);
    expect(stale.status).toBe(409);
    expect(stale.body.data).toMatchObject({ id: v1.id, currentVersion: 2 });

    const old = one.parse((await t.call('GET', `/api/scorecards/${v1.id}/versions/1`, 'qa')).body).data;
    expect(old.sections[0]!.criteria).toHaveLength(2);
    expect(old).toMatchObject({ version: 1, currentVersion: 2 });
    expect((await t.call('GET', `/api/scorecards/${v1.id}/versions/9`, 'qa')).status).toBe(404);

    expect((await t.call('POST', `/api/scorecards/${v1.id}/archive`, 'agent')).status).toBe(403);
    const archived = await t.call('POST', `/api/scorecards/${v1.id}/archive`, 'qa');
    expect(one.parse(archived.body).data.archived).toBe(true);
    const active = list.parse((await t.call('GET', '/api/scorecards', 'qa')).body).data;
    expect(active.map((card) => card.id)).not.toContain(v1.id);
    const all = list.parse((await t.call('GET', '/api/scorecards?includeArchived=true', 'qa')).body).data;
    expect(all.map((card) => card.id)).toContain(v1.id);
    expect((await t.call('PUT', `/api/scorecards/${v1.id}`, 'qa', { ...edit, version: 2 })).status).toBe(409);
  });

  it('rejects bad definitions with a 400 naming the field, saving nothing', async () => {
    const before = await t.count('scorecard_versions');
    const cases: [unknown, RegExp][] = [
      [{ ...simpleCard, sections: [] }, /^sections/],
      [{ ...simpleCard, name: '' }, /^name/],
      [
        { ...simpleCard, sections: [{ title: 'x', criteria: [{ title: 'y', scale: '7', weight: 1 }] }] },
        /^sections\.0\.criteria\.0\.scale/,
      ],
      [
        { ...simpleCard, sections: [{ title: 'x', criteria: [{ title: 'y', scale: '5', weight: 0 }] }] },
        /^sections\.0\.criteria\.0\.weight/,
      ],
      [
        {
          ...simpleCard,
          sections: [
            {
              title: 'x',
              criteria: [
                { id: 'same', title: 'a', scale: '5', weight: 1 },
                { id: 'same', title: 'b', scale: '5', weight: 1 },
              ],
            },
          ],
        },
        /^sections\.0\.criteria\.1\.id/,
      ],
    ];
    for (const [body, field] of cases) {
      const response = await t.call('POST', '/api/scorecards', 'qa', body);
      expect(response.status).toBe(400);
      expect(response.body.description).toMatch(field);
    }
    expect(await t.count('scorecard_versions')).toBe(before);
  });
});
