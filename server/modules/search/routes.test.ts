import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '../../../contract/envelope';
import {
  savedSearchSchema,
  searchEnvelopeSchema,
  type SearchHit,
  type SearchResult,
} from '../../../contract/search';
import { envelopeSchema } from '../../../contract/envelope';
import { z } from 'zod';
import type { CurrentUser } from '../../../contract/auth';
import { cursorCodec } from '../../lib/signed-cursor';
import { accessControl } from '../access/service';
import { authService } from '../auth/service';
import { NAMED_STARTS, searchRepo } from './repo';
import { searchService } from './service';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';

const USERS = ['admin', 'qa', 'trainer', 'supervisor', 'agent', 'agent2'] as const;
type User = (typeof USERS)[number];

describe.each(databaseKinds())('search on %s', (kind) => {
  let ctx: TestContext;
  const keys = {} as Record<User, string>;
  /** Dana's (agent's) recordings, Sam's (agent2's), and ids of the teams. */
  let danas: string[];
  let sams: string[];
  let teams: Record<string, string>;
  let annotated: string;
  let evaluatedCompliance: string;
  let evaluatedSupport: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, as: User, payload?: object) =>
    ctx.app.inject({ method, url, headers: { authorization: `Bearer ${keys[as]}` }, payload });

  async function ok<T>(method: 'POST' | 'PUT', url: string, as: User, payload: object = {}): Promise<T> {
    const response = await call(method, url, as, payload);
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body}`);
    return (response.json() as { data: T }).data;
  }

  async function search(query: string, as: User = 'admin'): Promise<SearchResult> {
    const response = await call('GET', `/api/search/recordings?${query}`, as);
    expect(response.statusCode, response.body).toBe(200);
    return searchEnvelopeSchema.parse(response.json());
  }
  const ids = (result: SearchResult) => result.data.map((hit) => hit.id!);

  /** Evaluates `activityId` with the named scorecard, every criterion at its lowest or highest value. */
  async function evaluate(
    activityId: string,
    scorecardName: string,
    level: 'lowest' | 'highest',
    comment: string,
  ) {
    const { rows } = await ctx.db.query<{ id: string }>(
      `select id::text as id from scorecards where name = $1`,
      [scorecardName],
    );
    const evaluation = await ok<{
      id: string;
      scorecard: { sections: { criteria: { id: string; scale: string }[] }[] };
    }>('POST', `/api/activities/${activityId}/evaluations`, 'qa', { scorecardId: rows[0]!.id });
    const ratings = Object.fromEntries(
      evaluation.scorecard.sections
        .flatMap((section) => section.criteria)
        .map((criterion) => {
          const top = criterion.scale === 'binary' ? 1 : Number(criterion.scale);
          const bottom = criterion.scale === 'binary' ? 0 : 1;
          return [criterion.id, { value: level === 'lowest' ? bottom : top, comment: null }];
        }),
    );
    const saved = await ok<{ version: number }>('PUT', `/api/evaluations/${evaluation.id}`, 'qa', {
      version: 1,
      ratings,
      overallComment: comment,
    });
    return { id: evaluation.id, version: saved.version };
  }

  /** A function that adds a new recording (and its activity) to the first conversation matching `where`. */
  function recordingArrival(where: string) {
    return async () => {
      const [object] = (
        await ctx.db.query<{ id: string; agent_id: string; storage_key: string }>(
          `select o.id::text as id, o.agent_id::text as agent_id, r.storage_key from objects o
           join recordings r on r.object_id = o.id where ${where} order by o.id limit 1`,
        )
      ).rows;
      const id = randomUUID();
      await ctx.db.query(
        `insert into recordings (id, object_id, agent_id, status, started_at, storage_key, container, duration_seconds, file_size, completed_at)
         values ($1, $2, $3, 'completed', now(), $4, 'webm', 42, 1000, now())`,
        [id, object!.id, object!.agent_id, object!.storage_key],
      );
      await ctx.db.query(
        `insert into activities (object_id, activity_type, user_id, recording_id) values ($1, 27, $2, $3)`,
        [object!.id, object!.agent_id, id],
      );
    };
  }

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    for (const user of USERS) keys[user] = (await auth.createApiKey(user, 'search'))!.key;
    const recordingsOf = async (username: string) =>
      (
        await ctx.db.query<{ id: string }>(
          `select a.id::text as id from activities a join users u on u.id = a.user_id
           where u.username = $1 and a.activity_type = 27 order by a.created_time desc, a.id desc`,
          [username],
        )
      ).rows.map((row) => row.id);
    danas = await recordingsOf('agent');
    sams = await recordingsOf('agent2');
    teams = Object.fromEntries(
      (await ctx.db.query<{ id: string; name: string }>(`select id::text as id, name from teams`)).rows.map(
        (t) => [t.name, t.id],
      ),
    );
    annotated = danas[0]!;
    await ok('POST', `/api/activities/${annotated}/annotations`, 'qa', {
      startSeconds: 7.5,
      text: 'Customer mentions a chargeback <b>before</b> the refund',
      tags: ['Escalation'],
    });
    // A compliance evaluation failed on its critical items, submitted; a support one at the top, submitted.
    evaluatedCompliance = danas[1]!;
    const failed = await evaluate(
      evaluatedCompliance,
      'Compliance',
      'lowest',
      'Skipped the verification steps',
    );
    await ok('POST', `/api/evaluations/${failed.id}/submit`, 'qa', { version: failed.version });
    evaluatedSupport = danas[2]!;
    const passed = await evaluate(evaluatedSupport, 'Video support call', 'highest', 'Exemplary walkthrough');
    await ok('POST', `/api/evaluations/${passed.id}/submit`, 'qa', { version: passed.version });
    // A draft by qa whose comment only qa may read.
    await evaluate(danas[3]!, 'Video support call', 'highest', 'Secretive marmalade remark');
  });
  afterAll(() => ctx?.close());

  it('finds a word in an annotation, with the snippet marked and the moment', async () => {
    const result = await search('q=chargeback');
    expect(ids(result)).toEqual([annotated]);
    const [hit] = result.data as SearchHit[];
    expect(hit!.matches).toEqual([
      {
        field: 'annotation',
        snippet: expect.stringContaining('<mark>chargeback</mark>') as string,
        at: 7.5,
      },
    ]);
    // The note's own markup is escaped: the only tags in a snippet are the marks.
    expect(hit!.matches[0]!.snippet).toContain('&lt;b&gt;before&lt;/b&gt;');
    expect(hit).toMatchObject({
      activityType: 27,
      user: { first_name: 'Dana' },
      qa: { state: 'not_evaluated' },
    });
    expect(hit!.object.team).toEqual({ id: teams['Video Support'], name: 'Video Support' });
    expect(result).toMatchObject({ total: 1, totalIsEstimate: false, nextCursor: null });
  });

  it('matches the last word as a prefix while typing, titles, tags, evaluation comments', async () => {
    expect(ids(await search('q=chargeba'))).toEqual([annotated]);
    expect(ids(await search('q=escalation'))).toEqual([annotated]);
    expect(ids(await search('q=exemplary'))).toEqual([evaluatedSupport]);
    const titled = await search('q=%22double%20charge%22&limit=200');
    expect(titled.data.length).toBeGreaterThan(0);
    for (const hit of titled.data) {
      expect(hit.object.title).toBe('Refund for a double charge');
      expect(hit.matches[0]).toMatchObject({
        field: 'title',
        snippet: expect.stringContaining('<mark>') as string,
      });
    }
    expect(ids(await search('q=chargeback%20-refund'))).toEqual([]);
  });

  it('reads "or" before the word being typed as either word', async () => {
    expect(new Set(ids(await search('q=exemplary%20or%20chargeba')))).toEqual(
      new Set([annotated, evaluatedSupport]),
    );
    expect(ids(await search('q=exemplary%20chargeba'))).toEqual([]);
  });

  it('matches the word being typed as the start of words written since, however many there are', async () => {
    // One note brings more words starting with "plum" than are searched for by name; another brings the
    // last of them in byte order, and a word with dots in it.
    const many = Array.from({ length: NAMED_STARTS + 6 }, (_, i) => `plum${i}`).join(' ');
    await ok('POST', `/api/activities/${danas[4]}/annotations`, 'qa', { startSeconds: 1, text: many });
    await ok('POST', `/api/activities/${danas[5]}/annotations`, 'qa', {
      startSeconds: 2,
      text: 'Asked about plumz on portal.example.org',
    });
    expect(new Set(ids(await search('q=plum')))).toEqual(new Set([danas[4], danas[5]]));
    expect(ids(await search('q=plumz'))).toEqual([danas[5]]);
    expect(ids(await search('q=portal'))).toEqual([danas[5]]);
    expect(ids(await search('q=plumb'))).toEqual([]);
  });

  it('answers a q of only punctuation with no hits, never an error', async () => {
    for (const q of ['!!!', '"', '-', '&|!():*', "'"]) {
      const result = await search(`q=${encodeURIComponent(q)}&facets=true`);
      expect(result).toMatchObject({ data: [], total: 0, nextCursor: null });
    }
  });

  it('filters by agent, team, dates, duration, QA state, score, scorecard, critical failure and tag', async () => {
    const all = await search('limit=200');
    expect(new Set(ids(all))).toEqual(new Set([...danas, ...sams]));
    expect(new Set(ids(await search('agent=agent&limit=200')))).toEqual(new Set(danas));
    expect(new Set(ids(await search('agent=agent&agent=agent2&limit=200')))).toEqual(
      new Set([...danas, ...sams]),
    );
    expect(new Set(ids(await search(`team=${teams.Onboarding}&limit=200`)))).toEqual(new Set(sams));

    const times = all.data.map((hit) => hit.createdTime).sort();
    const middle = times[Math.floor(times.length / 2)]!;
    const fromMiddle = await search(`from=${encodeURIComponent(middle)}&limit=200`);
    expect(fromMiddle.data.every((hit) => hit.createdTime >= middle)).toBe(true);
    expect(fromMiddle.total).toBe(times.filter((time) => time >= middle).length);
    const day = middle.slice(0, 10);
    const onThatDay = await search(`from=${day}&to=${day}&limit=200`);
    expect(onThatDay.data.length).toBeGreaterThan(0);
    expect(onThatDay.data.every((hit) => hit.createdTime.startsWith(day))).toBe(true);

    const durations = all.data.map((hit) => hit.duration).sort((a, b) => a - b);
    const long = durations[Math.floor(durations.length / 2)]!;
    const longOnes = await search(`minDuration=${long}&limit=200`);
    expect(longOnes.data.every((hit) => hit.duration >= long - 1)).toBe(true);
    const shortOnes = await search(`maxDuration=${long - 1}&limit=200`);
    expect(longOnes.total + shortOnes.total).toBe(all.total);

    expect(new Set(ids(await search('qaState=submitted')))).toEqual(
      new Set([evaluatedCompliance, evaluatedSupport]),
    );
    expect(ids(await search('qaState=draft'))).toEqual([]);
    expect(ids(await search('qaState=draft', 'qa'))).toEqual([danas[3]]);
    expect(ids(await search('minScore=50'))).toEqual([evaluatedSupport]);
    expect(ids(await search('maxScore=10'))).toEqual([evaluatedCompliance]);
    expect(ids(await search('criticalFailed=true'))).toEqual([evaluatedCompliance]);
    const compliance = (
      await ctx.db.query<{ id: string }>(`select id::text as id from scorecards where name = 'Compliance'`)
    ).rows[0]!.id;
    expect(ids(await search(`scorecard=${compliance}`))).toEqual([evaluatedCompliance]);
    expect(ids(await search('tag=escalation'))).toEqual([annotated]);

    // Combined: every filter must hold.
    expect(
      ids(await search(`agent=agent&team=${teams['Video Support']}&qaState=submitted&minScore=50`)),
    ).toEqual([evaluatedSupport]);
    expect(ids(await search(`agent=agent2&qaState=submitted`))).toEqual([]);
    expect(ids(await search(`q=chargeback&team=${teams.Onboarding}`))).toEqual([]);
  });

  it('sorts newest, oldest, longest and by score', async () => {
    const newest = (await search('sort=newest&limit=200')).data.map((hit) => hit.createdTime);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = (await search('sort=oldest&limit=200')).data.map((hit) => hit.createdTime);
    expect(oldest).toEqual([...oldest].sort());
    const longest = (await search('sort=longest&limit=200')).data.map((hit) => hit.duration);
    expect(longest).toEqual([...longest].sort((a, b) => b - a));
    const byScore = (await search('sort=score_desc&limit=200')).data;
    expect(byScore.slice(0, 2).map((hit) => hit.id)).toEqual([evaluatedSupport, evaluatedCompliance]);
    expect((await search('sort=score_asc&limit=200')).data.slice(0, 2).map((hit) => hit.id)).toEqual([
      evaluatedCompliance,
      evaluatedSupport,
    ]);
  });

  it('counts facets for the current filters', async () => {
    const result = await search(`facets=true&team=${teams['Video Support']}`);
    expect(result.total).toBe(danas.length);
    expect(result.facets!.agents).toEqual([
      expect.objectContaining({ username: 'agent', first_name: 'Dana', count: danas.length }),
    ]);
    // The team facet ignores the team filter (next test): both teams, with their own counts.
    expect(result.facets!.teams).toEqual(
      expect.arrayContaining([{ id: teams['Video Support'], name: 'Video Support', count: danas.length }]),
    );
    expect(result.facets!.qaStates).toEqual(
      expect.arrayContaining([
        { value: 'submitted', count: 2 },
        { value: 'not_evaluated', count: danas.length - 2 },
      ]),
    );
    expect(result.facets!.tags).toEqual([{ value: 'escalation', count: 1 }]);
  });

  it('counts facets over a sample, marked as estimates, when a sample reads fewer rows; the total stays exact', async () => {
    const { rows } = await ctx.db.query<{ id: string; role: CurrentUser['role'] }>(
      `select id::text as id, role from users where username = 'admin'`,
    );
    const admin: CurrentUser = { ...rows[0]!, username: 'admin', first_name: '', last_name: '', teams: [] };
    const sampling = searchService({
      repo: searchRepo(ctx.db),
      access: accessControl(ctx.db),
      storage: ctx.storage,
      cursors: cursorCodec('search test'),
      countedFacetsUpTo: 2,
    });
    const exact = await search('facets=true&qaState=not_evaluated');
    expect(exact.facets!.estimated).toBe(false);
    const sampled = await sampling.search(admin, { facets: true, qaState: ['not_evaluated'] });
    expect(sampled.facets!.estimated).toBe(true);
    // A table this small is sampled whole (every page), so the estimates are the exact counts.
    const { estimated: _exact, ...exactCounts } = exact.facets!;
    const { estimated: _sampled, ...sampledCounts } = sampled.facets!;
    expect(sampledCounts).toEqual(exactCounts);
    expect(sampled.total).toBe(exact.total);
    expect(sampled.totalIsEstimate).toBe(false);
    expect(sampled.hits.map((hit) => hit.id)).toEqual(ids(exact));
  });

  it('answers an exact total up to the limit and an estimate past it, the typed word a prefix or not', async () => {
    const { rows } = await ctx.db.query<{ id: string; role: CurrentUser['role'] }>(
      `select id::text as id, role from users where username = 'admin'`,
    );
    const admin: CurrentUser = { ...rows[0]!, username: 'admin', first_name: '', last_name: '', teams: [] };
    const limited = searchService({
      repo: searchRepo(ctx.db),
      access: accessControl(ctx.db),
      storage: ctx.storage,
      cursors: cursorCodec('search test'),
      exactTotalUpTo: 2,
    });
    // "call" is a whole word in several titles; "exp" only the start of one ("Export"); "chargeback" in one note.
    const expected = { call: 'many', exp: 'many', chargeback: 1 } as const;
    for (const [q, count] of Object.entries(expected)) {
      const hits = (await search(`q=${q}&limit=200`)).data.length;
      const answer = await limited.search(admin, { q, limit: 200 });
      expect(answer.hits).toHaveLength(hits);
      if (count === 'many') {
        expect(hits, q).toBeGreaterThan(2);
        expect(answer.totalIsEstimate, q).toBe(true);
        expect(answer.total, q).toBeGreaterThan(2);
      } else {
        expect(hits, q).toBe(count);
        expect(answer, q).toMatchObject({ total: count, totalIsEstimate: false });
      }
    }
  });

  it('counts the same hits by a scan as through the indexes, under every role’s rule', async () => {
    const repo = searchRepo(ctx.db);
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    // Quoted words: the API then matches them whole, as these filters do (no word being typed).
    const filterSets = [
      { q: '"call"' },
      { q: '"refund" or "export"' },
      { q: '"call"', from: '2000-01-01T00:00:00Z', minDuration: 1 },
    ];
    const counted: Record<string, number[]> = {};
    for (const username of USERS) {
      const viewer = (await auth.fromApiKey(keys[username]))!.user;
      counted[username] = [];
      for (const { q, ...rest } of filterSets) {
        const label = `${username}: ${q} ${JSON.stringify(rest)}`;
        const filters = { text: { websearch: q, last: null }, ...rest };
        const byIndexes = await repo.count(viewer, filters, 1000);
        expect(await repo.count(viewer, filters, 1000, 'scan'), label).toBe(byIndexes);
        const query = new URLSearchParams({ q, limit: '200' });
        for (const [name, value] of Object.entries(rest)) query.set(name, String(value));
        expect((await search(query.toString(), username)).data, label).toHaveLength(byIndexes);
        counted[username].push(byIndexes);
      }
    }
    // The rules differ: Dana sees fewer of these than the admin, and the admin finds each.
    expect(counted.admin!.every((n) => n > 0)).toBe(true);
    expect(counted.agent!.some((n, i) => n < counted.admin![i]!)).toBe(true);
  });

  it('counts each facet with every filter but its own, so a selection can be widened', async () => {
    const result = await search(`facets=true&agent=agent&qaState=submitted&team=${teams['Video Support']}`);
    expect(new Set(ids(result))).toEqual(new Set([evaluatedCompliance, evaluatedSupport]));
    expect(result.total).toBe(2);
    // Agents: every agent with a submitted recording in Video Support (the agent filter left out).
    expect(result.facets!.agents).toEqual([expect.objectContaining({ username: 'agent', count: 2 })]);
    // QA states: Dana's Video Support recordings in every state, not only the submitted ones.
    expect(result.facets!.qaStates).toEqual(
      expect.arrayContaining([
        { value: 'submitted', count: 2 },
        { value: 'not_evaluated', count: danas.length - 2 },
      ]),
    );
    // Teams: Dana's submitted recordings in any team (all in Video Support).
    expect(result.facets!.teams).toEqual([{ id: teams['Video Support'], name: 'Video Support', count: 2 }]);

    const onboardingOnly = await search(`facets=true&team=${teams.Onboarding}`);
    expect(onboardingOnly.total).toBe(sams.length);
    expect(new Set(onboardingOnly.facets!.teams.map((team) => [team.name, team.count]))).toEqual(
      new Set([
        ['Video Support', danas.length],
        ['Onboarding', sams.length],
      ]),
    );
    // The other facets still follow the team filter: only Sam's recordings are counted per agent.
    expect(onboardingOnly.facets!.agents).toEqual([
      expect.objectContaining({ username: 'agent2', count: sams.length }),
    ]);

    const tagged = await search('facets=true&tag=escalation');
    expect(tagged.total).toBe(1);
    expect(tagged.facets!.tags).toEqual([{ value: 'escalation', count: 1 }]);
    expect(tagged.facets!.agents).toEqual([expect.objectContaining({ username: 'agent', count: 1 })]);
  });

  it('writes one search.run audit entry per search, with its filters', async () => {
    const marker = `auditmarker${randomUUID().slice(0, 8)}`;
    await search(`q=${marker}&agent=agent&qaState=submitted&minDuration=5&sort=newest&limit=3`, 'supervisor');
    const audit = await call('GET', '/api/audit?action=search.run&limit=200', 'admin');
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = (
      audit.json() as {
        data: { actor: { username: string }; outcome: string; details: { filters?: { q?: string } } }[];
      }
    ).data.filter((entry) => entry.details.filters?.q === marker);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { username: 'supervisor' },
      outcome: 'success',
      details: {
        filters: { q: marker, agent: ['agent'], qaState: ['submitted'], minDuration: 5, sort: 'newest' },
      },
    });
    expect(entries[0]!.details.filters).not.toHaveProperty('limit');
  });

  it('finds a supervisor’s words in their teams only, and no typed word matches a team', async () => {
    const { rows } = await ctx.db.query<{ id: string }>(
      `select m.team_id::text as id from team_members m join users u on u.id = m.user_id
       where u.username = 'supervisor'`,
    );
    const theirs = new Set(rows.map((row) => row.id));
    // Words in titles of both teams' conversations (the demo's topics alternate between them).
    for (const q of ['call', 'calls', 'arriv']) {
      const everyone = (await search(`q=${encodeURIComponent(q)}&limit=200`)).data;
      const inTheirTeams = everyone.filter((hit) => theirs.has(hit.object.team.id)).map((hit) => hit.id);
      expect(inTheirTeams.length, q).toBeGreaterThan(0);
      expect(everyone.length, q).toBeGreaterThan(inTheirTeams.length);
      expect(new Set(ids(await search(`q=${encodeURIComponent(q)}&limit=200`, 'supervisor')))).toEqual(
        new Set(inTheirTeams),
      );
    }
    // A conversation moved to another team takes its recordings' team along in the text index.
    const [moved] = (await search('q=call&limit=200', 'supervisor')).data;
    const toTeam = async (team: string) =>
      ctx.db.query(`update objects set team_id = $1 where id = $2`, [team, moved!.object.objectId]);
    await toTeam(teams['Video Support']!);
    expect(ids(await search('q=call&limit=200', 'supervisor'))).not.toContain(moved!.id);
    await toTeam(moved!.object.team.id);
    expect(ids(await search('q=call&limit=200', 'supervisor'))).toContain(moved!.id);
    for (const team of theirs) {
      for (const q of [`#t${team}`, `t${team}`, `"#t${team}"`]) {
        expect(ids(await search(`q=${encodeURIComponent(q)}`, 'admin')), q).toEqual([]);
        expect(ids(await search(`q=${encodeURIComponent(q)}`, 'supervisor')), q).toEqual([]);
      }
    }
  });

  it('shows an agent only their own hits, and no one a snippet of another reviewer’s draft', async () => {
    expect(new Set(ids(await search('limit=200', 'agent')))).toEqual(new Set(danas));
    expect(new Set(ids(await search('limit=200', 'agent2')))).toEqual(new Set(sams));
    expect(ids(await search('q=chargeback', 'agent2'))).toEqual([]);
    expect(ids(await search('q=chargeback', 'supervisor'))).toEqual([]);
    expect(ids(await search('q=chargeback', 'agent'))).toEqual([annotated]);
    const asAgent2 = await search('facets=true&limit=200', 'agent2');
    expect(asAgent2.facets!.agents.map((agent) => agent.username)).toEqual(['agent2']);
    for (const user of USERS) expect(ids(await search('q=marmalade', user))).toEqual([]);
    const agentsView = await search('limit=200', 'agent');
    expect(JSON.stringify(agentsView)).not.toContain('armalade');
  });

  it('pages through every hit exactly once while new recordings arrive', async () => {
    const everything = ids(await search('limit=200'));
    const arrive = recordingArrival(`r.status = 'completed'`);
    for (const sort of ['newest', 'oldest', 'longest', 'score_desc']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search(
          `sort=${sort}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...ids(page));
        cursor = page.nextCursor ?? null;
        await arrive();
      } while (cursor);
      const before = seen.filter((id) => everything.includes(id));
      expect(before.sort()).toEqual([...everything].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
    const relevant: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(
        `q=refund%20charge&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      relevant.push(...ids(page));
      cursor = page.nextCursor ?? null;
    } while (cursor);
    expect(relevant.sort()).toEqual(ids(await search('q=refund%20charge&limit=200')).sort());
  });

  it('ranks the newest matches, then pages past them newest first, each hit once while matches arrive', async () => {
    const { rows } = await ctx.db.query<{ id: string; role: CurrentUser['role'] }>(
      `select id::text as id, role from users where username = 'admin'`,
    );
    const admin: CurrentUser = { ...rows[0]!, username: 'admin', first_name: '', last_name: '', teams: [] };
    const windowed = searchService({
      repo: searchRepo(ctx.db),
      access: accessControl(ctx.db),
      storage: ctx.storage,
      cursors: cursorCodec('search test'),
      rankedWindow: 2,
    });
    const q = 'refund charge';
    const hitIds = (result: { hits: SearchHit[] }) => result.hits.map((hit) => hit.id!);
    const everything = hitIds(await windowed.search(admin, { q, limit: 200 }));
    const newest = hitIds(await windowed.search(admin, { q, sort: 'newest', limit: 200 }));
    expect(everything.length).toBeGreaterThan(3);
    expect(new Set(everything.slice(0, 2))).toEqual(new Set(newest.slice(0, 2)));
    expect(everything.slice(2)).toEqual(newest.slice(2));

    const arrive = recordingArrival(`o.title = 'Refund for a double charge'`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await windowed.search(admin, { q, limit: 1, cursor });
      seen.push(...hitIds(page));
      cursor = page.nextCursor ?? undefined;
      await arrive();
    } while (cursor);
    expect(seen).toEqual(everything);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=201', /limit/],
    ['from=yesterday', /from/],
    ['to=2026-13-40', /to/],
    ['minDuration=-1', /minDuration/],
    ['maxScore=101', /maxScore/],
    ['qaState=done', /qaState/],
    ['sort=random', /sort/],
    ['sort=relevance', /sort/],
    ['team=abc', /team/],
    ['scorecard=0', /scorecard/],
    ['criticalFailed=yes', /criticalFailed/],
    ['facets=1', /facets/],
    ['cursor=abc.def', /cursor/],
    [`q=${'a'.repeat(501)}`, /q/],
  ])('answers 400 for %s, naming the parameter', async (query, named) => {
    const response = await call('GET', `/api/search/recordings?${query}`, 'admin');
    expect(response.statusCode, response.body).toBe(400);
    expect(errorEnvelopeSchema.parse(response.json()).description).toMatch(named);
  });

  it('refuses a cursor from another search', async () => {
    const page = await search('sort=newest&limit=2');
    const response = await call(
      'GET',
      `/api/search/recordings?sort=oldest&limit=2&cursor=${page.nextCursor}`,
      'admin',
    );
    expect(response.statusCode).toBe(400);
  });

  it('saves a search and counts the hits that arrived since it was last opened', async () => {
    const saved = savedSearchSchema.parse(
      await ok('POST', '/api/search/saved', 'supervisor', {
        name: 'Onboarding calls',
        query: `team=${teams.Onboarding}`,
      }),
    );
    expect(saved.newHits).toBe(0);
    const [object] = (
      await ctx.db.query<{ id: string; agent_id: string; storage_key: string }>(
        `select o.id::text as id, o.agent_id::text as agent_id, r.storage_key from objects o
         join recordings r on r.object_id = o.id where o.team_id = $1 limit 1`,
        [teams.Onboarding],
      )
    ).rows;
    const id = randomUUID();
    await ctx.db.query(
      `insert into recordings (id, object_id, agent_id, status, started_at, storage_key, duration_seconds, file_size)
       values ($1, $2, $3, 'completed', now(), $4, 10, 10)`,
      [id, object!.id, object!.agent_id, object!.storage_key],
    );
    await ctx.db.query(
      `insert into activities (object_id, activity_type, user_id, recording_id) values ($1, 27, $2, $3)`,
      [object!.id, object!.agent_id, id],
    );
    const list = envelopeSchema(z.array(savedSearchSchema)).parse(
      (await call('GET', '/api/search/saved', 'supervisor')).json(),
    );
    expect(list.data).toEqual([
      expect.objectContaining({ id: saved.id, name: 'Onboarding calls', newHits: 1 }),
    ]);
    expect((await call('GET', '/api/search/saved', 'qa')).json()).toMatchObject({ data: [] });
    expect((await call('POST', `/api/search/saved/${saved.id}/opened`, 'qa')).statusCode).toBe(404);
    const opened = await ok<{ newHits: number }>(
      'POST',
      `/api/search/saved/${saved.id}/opened`,
      'supervisor',
    );
    expect(opened.newHits).toBe(0);
    const refused = await call('POST', '/api/search/saved', 'supervisor', { name: 'x', query: 'limit=0' });
    expect(refused.statusCode).toBe(400);
    expect((await call('DELETE', `/api/search/saved/${saved.id}`, 'qa')).statusCode).toBe(404);
    expect((await call('DELETE', `/api/search/saved/${saved.id}`, 'supervisor')).statusCode).toBe(200);
  });
});
