import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingQaSummary } from '../../../contract/evaluations';
import { envelope, server } from '../../test/server';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { TimelinePage } from './TimelinePage';

const OBJECT_ID = '100001';

function recording(id: string, hour: number) {
  const timestamp = new Date(2026, 10, 23, hour).toISOString();
  return {
    id,
    objectId: OBJECT_ID,
    type: 27,
    activityType: 27,
    createdTime: timestamp,
    user: { id: '5', first_name: 'Dana', last_name: 'Whitfield' },
    recordingType: 'video',
    recordingUrl: `https://tapeline.example/media/${id}.webm`,
    duration: 61,
    timestamp,
    fileSize: 1536,
  };
}

function summary(activityId: string, overrides: Partial<RecordingQaSummary> = {}): RecordingQaSummary {
  return {
    activityId,
    state: 'not_evaluated',
    latestEvaluationId: null,
    latestScore: null,
    latestStatus: null,
    submittedCount: 0,
    myDraftId: null,
    openDisputes: 0,
    ...overrides,
  };
}

const recordings = [recording('4', 16), recording('3', 15), recording('2', 14), recording('1', 13)];
const summaries = [
  summary('4', { state: 'submitted', latestScore: 91.6, latestStatus: 'submitted', submittedCount: 1 }),
  summary('3', { state: 'submitted', latestScore: 72, latestStatus: 'disputed', openDisputes: 1 }),
  summary('2', { state: 'draft', myDraftId: '77' }),
  summary('1'),
];

function answer(qaSummary: RecordingQaSummary[] = summaries) {
  let summaryRequests = 0;
  server.use(
    http.get('/api/objects', () => envelope([])),
    http.get(`/api/objects/${OBJECT_ID}/activities`, () =>
      HttpResponse.json({
        status: 200,
        description: 'OK',
        response_time: '',
        data: recordings,
        nextCursor: null,
      }),
    ),
    http.get(`/api/objects/${OBJECT_ID}/qa-summary`, () => {
      summaryRequests++;
      return envelope(qaSummary);
    }),
  );
  return { summaryRequests: () => summaryRequests };
}

function renderTimeline({ canFilterByQa = true, search = '' } = {}) {
  return renderRoutes(
    [
      { path: '/objects/:objectId', element: <TimelinePage canFilterByQa={canFilterByQa} /> },
      { path: '/objects/:objectId/recordings/:activityId', element: <LocationProbe label="Review" /> },
    ],
    { url: `/objects/${OBJECT_ID}${search}` },
  );
}

const links = async () =>
  within(await screen.findByRole('list', { name: 'Recordings' })).getAllByRole('link');

describe('Timeline QA state', () => {
  beforeEach(() => void vi.spyOn(window, 'scrollTo').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it('shows each recording’s QA state from one summary request', async () => {
    const { summaryRequests } = answer();
    renderTimeline();

    const [scored, disputed, draft, fresh] = await links();
    expect(await within(scored!).findByText('Score 92 %')).toBeInTheDocument();
    expect(scored).not.toHaveTextContent('Disputed');
    expect(disputed).toHaveTextContent('Score 72 %');
    expect(disputed).toHaveTextContent('Disputed');
    expect(draft).toHaveTextContent('Draft (yours)');
    expect(fresh).toHaveTextContent('Not evaluated');
    expect(summaryRequests()).toBe(1);
  });

  it('filters to unevaluated recordings, in the URL, and back', async () => {
    answer();
    const { router } = renderTimeline();
    await links();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Not evaluated');

    expect(router.state.location.search).toBe('?qa=unevaluated');
    const visible = await links();
    expect(visible).toHaveLength(1);
    expect(visible[0]).toHaveAttribute('href', `/objects/${OBJECT_ID}/recordings/1`);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'All recordings');
    expect(router.state.location.search).toBe('');
    expect(await links()).toHaveLength(4);
  });

  it('keeps the filter from the URL and says so when every recording is evaluated', async () => {
    answer(summaries.slice(0, 3));
    renderTimeline({ search: '?qa=unevaluated' });

    expect(screen.getByRole('combobox', { name: 'Show' })).toHaveValue('unevaluated');
    expect(
      await screen.findByRole('heading', { name: 'Every recording on this conversation has been evaluated' }),
    ).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show all recordings' }));
    expect(await links()).toHaveLength(4);
  });

  it('offers no filter to those who do not evaluate, and ignores it in the URL', async () => {
    answer();
    renderTimeline({ canFilterByQa: false, search: '?qa=unevaluated' });

    expect(await links()).toHaveLength(4);
    expect(screen.queryByRole('combobox', { name: 'Show' })).not.toBeInTheDocument();
  });
});
