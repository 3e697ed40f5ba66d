import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { qaKeys } from '../../api/qa';
import type { DisputeListItem } from '../../../contract/disputes';
import type { Evaluation, EvaluationEvent } from '../../../contract/evaluations';
import { createQueryClient } from '../../lib/query-client';
import { envelope, errorEnvelope, server } from '../../test/server';
import { renderRoutes } from '../../test/Rendering';
import { DisputesPage } from './DisputesPage';

const dana = { id: '5', first_name: 'Dana', last_name: 'Whitfield' };
const quinn = { id: '7', first_name: 'Quinn', last_name: 'Avery' };
const at = '2026-11-23T14:05:00Z';

const evaluation: Evaluation = {
  id: '31',
  activityId: '5000003',
  objectId: '100001',
  agent: dana,
  evaluator: quinn,
  scorecard: {
    id: '1',
    name: 'Support call quality',
    description: '',
    version: 2,
    currentVersion: 2,
    archived: false,
    versionCreatedAt: at,
    versionCreatedBy: null,
    sections: [
      {
        id: 'opening',
        title: 'Opening',
        criteria: [
          {
            id: 'greeting',
            title: 'Greets the customer',
            description: '',
            scale: 'binary',
            weight: 1,
            allowNa: false,
            critical: false,
          },
          {
            id: 'empathy',
            title: 'Shows empathy',
            description: '',
            scale: '5',
            weight: 1,
            allowNa: true,
            critical: false,
          },
        ],
      },
    ],
  },
  status: 'disputed',
  version: 4,
  revision: 1,
  ratings: { greeting: { value: 1, comment: null }, empathy: { value: 3, comment: 'ok' } },
  overallComment: null,
  score: 75,
  createdAt: at,
  updatedAt: at,
  submittedAt: at,
  acknowledgedAt: null,
  recordingDeletedAt: null,
  revisions: [],
  disputes: [],
};

const dispute: DisputeListItem = {
  id: '9',
  evaluationId: '31',
  activityId: '5000003',
  objectId: '100001',
  revision: 1,
  reason: 'The customer interrupted my greeting.',
  raisedBy: dana,
  raisedAt: at,
  outcome: null,
  resolutionComment: null,
  resolvedBy: null,
  resolvedAt: null,
  recordingDeletedAt: null,
  evaluation: { revision: 1, score: 75, scorecardName: 'Support call quality' },
};

const history: EvaluationEvent[] = [
  { id: '1', action: 'submitted', actor: quinn, at, details: { score: 75 } },
  { id: '2', action: 'disputed', actor: dana, at, details: { reason: dispute.reason } },
];

function answer() {
  const resolutions: unknown[] = [];
  const evaluationReads: string[] = [];
  let resolved = false;
  server.use(
    http.get('/api/disputes', ({ request }) => {
      const status = new URL(request.url).searchParams.get('status');
      const done = {
        ...dispute,
        outcome: 'upheld' as const,
        resolutionComment: 'Stands.',
        resolvedBy: quinn,
        resolvedAt: at,
      };
      if (status === 'open') return envelope(resolved ? [] : [dispute]);
      return envelope(resolved ? [done] : []);
    }),
    http.get('/api/evaluations/31', ({ request }) => {
      evaluationReads.push(request.url);
      return envelope(evaluation);
    }),
    http.get('/api/evaluations/31/history', () => envelope(history)),
    http.post('/api/disputes/9/resolve', async ({ request }) => {
      resolutions.push(await request.json());
      resolved = true;
      return envelope({ ...evaluation, status: 'submitted' });
    }),
  );
  return { resolutions, evaluationReads };
}

function renderPage(url = '/disputes', queryClient = createQueryClient()) {
  return renderRoutes([{ path: '/disputes', element: <DisputesPage /> }], { url, queryClient });
}

describe('DisputesPage', () => {
  it('lists open disputes with the agent, score, reason, date and a link to the recording', async () => {
    const { evaluationReads } = answer();
    renderPage();

    const list = await screen.findByRole('list', { name: 'Open disputes' });
    const row = within(list).getByRole('listitem');
    expect(within(row).getByRole('link', { name: /^Dana Whitfield/ })).toBeInTheDocument();
    // The score comes with the list: no row asks for its evaluation.
    expect(within(row).getByText('Score 75 %')).toBeInTheDocument();
    expect(row).toHaveTextContent('Support call quality');
    expect(evaluationReads).toEqual([]);
    expect(row).toHaveTextContent('The customer interrupted my greeting.');
    expect(row.querySelector('time')).toHaveAttribute('dateTime', at);
    expect(within(row).getByRole('link', { name: /Open recording/ })).toHaveAttribute(
      'href',
      '/objects/100001/recordings/5000003',
    );
  });

  it('says when a disputed recording was deleted, instead of linking to it, in the list and the dispute', async () => {
    answer();
    const deletedAt = '2026-11-30T02:00:00Z';
    server.use(http.get('/api/disputes', () => envelope([{ ...dispute, recordingDeletedAt: deletedAt }])));
    renderPage('/disputes?status=open&dispute=9');

    const row = within(await screen.findByRole('list', { name: 'Open disputes' })).getByRole('listitem');
    const detail = (await screen.findByRole('heading', { name: 'Dispute by Dana Whitfield' })).closest(
      'section',
    )!;
    for (const place of [row, detail]) {
      expect(within(place).queryByRole('link', { name: /Open recording/ })).not.toBeInTheDocument();
      expect(within(place).getByText(/Recording deleted/)).toContainElement(
        place.querySelector(`time[datetime="${deletedAt}"]`),
      );
    }
  });

  it('requires a comment to uphold, then moves the dispute to Resolved', async () => {
    const { resolutions } = answer();
    // The recording's evaluations, as the review page's panel has them cached.
    const queryClient = createQueryClient();
    const panelList = qaKeys.evaluationsOf(evaluation.activityId);
    queryClient.setQueryData(panelList, [evaluation]);
    const { router } = renderPage('/disputes', queryClient);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('link', { name: /^Dana Whitfield/ }));
    expect(await screen.findByRole('heading', { name: 'Dispute by Dana Whitfield' })).toBeInTheDocument();
    expect(await screen.findByRole('list', { name: 'Evaluation history' })).toHaveTextContent('disputed');

    await user.click(await screen.findByRole('button', { name: 'Uphold evaluation' }));
    expect(screen.getByRole('textbox', { name: /Comment for the agent/ })).toHaveAccessibleDescription(
      'Explain to the agent why the evaluation stands.',
    );
    expect(resolutions).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: /Comment for the agent/ }), 'Greeting was fine.');
    await user.click(screen.getByRole('button', { name: 'Uphold evaluation' }));

    expect(await screen.findByRole('list', { name: 'Resolved disputes' })).toBeInTheDocument();
    expect(resolutions).toEqual([{ outcome: 'upheld', comment: 'Greeting was fine.' }]);
    expect(router.state.location.search).toBe('?status=resolved&dispute=9');
    // The panel on the review page loads the evaluation anew instead of showing the old copy.
    expect(queryClient.getQueryState(panelList)?.isInvalidated).toBe(true);
    expect(screen.getByRole('link', { name: 'Resolved' })).toHaveAttribute('aria-current', 'page');
  });

  it('revises: changed ratings with a live score and a comment are sent as a new revision', async () => {
    const { resolutions } = answer();
    renderPage('/disputes?status=open&dispute=9');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('radio', { name: /Revise/ }));
    expect(screen.getByRole('button', { name: 'Save revision' })).toBeDisabled();
    const empathy = screen.getByRole('radiogroup', { name: 'Shows empathy' });
    expect(within(empathy).getByRole('radio', { name: '3 of 5' })).toBeChecked();
    await user.click(within(empathy).getByRole('radio', { name: '5 of 5' }));
    expect(screen.getByText('Revised').parentElement).toHaveTextContent('Score 100 %');

    await user.type(screen.getByRole('textbox', { name: /Comment for the agent/ }), 'You were right.');
    await user.click(screen.getByRole('button', { name: 'Save revision' }));

    await screen.findByRole('list', { name: 'Resolved disputes' });
    expect(resolutions).toEqual([
      {
        outcome: 'revised',
        ratings: { greeting: { value: 1, comment: null }, empathy: { value: 5, comment: 'ok' } },
        comment: 'You were right.',
      },
    ]);
  });

  it('shows an error with Retry, and an empty state', async () => {
    let failing = true;
    server.use(http.get('/api/disputes', () => (failing ? errorEnvelope(503, 'Busy.') : envelope([]))));
    renderPage();

    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Busy.');
    failing = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'No open disputes' })).toBeInTheDocument();
  });
});
