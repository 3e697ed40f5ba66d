// An evaluation submitted through the API, for the tests that need one to exist before what they test
// (its audit entries, its dispute, its recording deleted): every criterion rated 1, which every scale
// accepts.

/** One request as the evaluator, answered as Fastify's inject answers. */
export type EvaluatorCall = (
  method: 'POST' | 'PUT',
  url: string,
  payload: object,
) => Promise<{ statusCode: number; body: string; json(): unknown }>;

/** What the ratings are keyed by: the criteria of an evaluation's scorecard. */
export interface ScorecardCriteria {
  sections: { criteria: { id: string }[] }[];
}

/** Ratings of 1 for every criterion of `scorecard`: a complete evaluation. */
export function everyCriterionRated(scorecard: ScorecardCriteria) {
  return Object.fromEntries(
    scorecard.sections
      .flatMap((section) => section.criteria)
      .map((criterion) => [criterion.id, { value: 1 }]),
  );
}

/** Creates an evaluation of `activityId` with `scorecardId`, rates every criterion and submits it. */
export async function submitEvaluation(as: EvaluatorCall, activityId: string, scorecardId: string) {
  async function data<T>(method: 'POST' | 'PUT', url: string, payload: object): Promise<T> {
    const response = await as(method, url, payload);
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body}`);
    return (response.json() as { data: T }).data;
  }
  const created = await data<{ id: string; scorecard: ScorecardCriteria }>(
    'POST',
    `/api/activities/${activityId}/evaluations`,
    { scorecardId },
  );
  const saved = await data<{ version: number }>('PUT', `/api/evaluations/${created.id}`, {
    version: 1,
    ratings: everyCriterionRated(created.scorecard),
  });
  return data<{ id: string; version: number; score: number | null }>(
    'POST',
    `/api/evaluations/${created.id}/submit`,
    { version: saved.version },
  );
}
