// Evaluations, scorecards and people for the QA panel's component tests.
import type { CurrentUser } from '../../contract/auth';
import type { Annotation } from '../../contract/annotations';
import type { Evaluation } from '../../contract/evaluations';
import type { Scorecard } from '../../contract/scorecards';

export const quinn: CurrentUser = {
  id: '7',
  username: 'qa',
  first_name: 'Quinn',
  last_name: 'Avery',
  role: 'qa_manager',
  teams: [{ id: '1', name: 'Video Support' }],
};
export const dana: CurrentUser = {
  id: '5',
  username: 'agent',
  first_name: 'Dana',
  last_name: 'Whitfield',
  role: 'agent',
  teams: [{ id: '1', name: 'Video Support' }],
};
const person = (user: CurrentUser) => ({
  id: user.id,
  first_name: user.first_name,
  last_name: user.last_name,
});

export const scorecard: Scorecard = {
  id: '1',
  name: 'Video support call',
  description: '',
  version: 1,
  currentVersion: 1,
  archived: false,
  versionCreatedAt: '2026-03-01T09:00:00Z',
  versionCreatedBy: person(quinn),
  sections: [
    {
      id: 'opening',
      title: 'Opening',
      criteria: [
        {
          id: 'greeting',
          title: 'Greeting',
          description: '',
          scale: '3',
          weight: 1,
          allowNa: false,
          critical: false,
        },
        {
          id: 'identity',
          title: 'Verifies identity',
          description: '',
          scale: 'binary',
          weight: 1,
          allowNa: true,
          critical: true,
        },
      ],
    },
  ],
};

export function evaluation(extra: Partial<Evaluation> = {}): Evaluation {
  return {
    id: '40',
    activityId: '102',
    objectId: '12',
    agent: person(dana),
    evaluator: person(quinn),
    scorecard,
    status: 'draft',
    version: 3,
    revision: 1,
    ratings: {},
    overallComment: null,
    score: null,
    createdAt: '2026-03-14T10:00:00Z',
    updatedAt: '2026-03-14T10:00:00Z',
    submittedAt: null,
    acknowledgedAt: null,
    recordingDeletedAt: null,
    revisions: [],
    disputes: [],
    ...extra,
  };
}

export function annotation(
  id: string,
  startSeconds: number,
  text: string,
  extra: Partial<Annotation> = {},
): Annotation {
  return {
    id,
    activityId: '102',
    startSeconds,
    endSeconds: null,
    text,
    tags: [],
    author: person(quinn),
    createdAt: '2026-03-14T10:00:00Z',
    updatedAt: '2026-03-14T10:00:00Z',
    ...extra,
  };
}
