import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Queue, QueueRecording } from '../../../contract/queue';
import { envelope, errorEnvelope, server } from '../../test/server';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { QueueSection } from './QueueSection';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const dana = { id: '5', first_name: 'Dana', last_name: 'Whitfield' };
const quinn = { id: '7', first_name: 'Quinn', last_name: 'Avery' };

function recording(activityId: string, overrides: Partial<QueueRecording> = {}): QueueRecording {
  return {
    activityId,
    objectId: '100001',
    objectTitle: 'Refund for a double charge',
    agent: dana,
    timestamp: hoursAgo(2),
    duration: 95,
    ...overrides,
  };
}

function renderQueue(queue: Queue) {
  server.use(http.get('/api/queue', () => envelope(queue)));
  return renderRoutes([
    { path: '/', element: <QueueSection /> },
    { path: '/objects/:objectId/recordings/:activityId', element: <LocationProbe label="Review" /> },
    { path: '/disputes', element: <LocationProbe label="Disputes" /> },
  ]);
}

describe('QueueSection', () => {
  it('shows reviewers what to evaluate, their drafts with the score so far, and open disputes', async () => {
    renderQueue({
      kind: 'reviewer',
      toEvaluate: [
        recording('5000002', { objectTitle: 'Password reset loop', timestamp: hoursAgo(3), duration: 3725 }),
        recording('5000001'),
      ],
      toEvaluateTotal: 31,
      yourDrafts: [{ ...recording('5000009'), evaluationId: '12', score: 66.6 }],
      openDisputes: 3,
    });

    expect(screen.getByRole('heading', { level: 2, name: 'Your queue' })).toBeInTheDocument();
    const toEvaluate = await screen.findByRole('list', { name: 'To evaluate' });
    const links = within(toEvaluate).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/objects/100001/recordings/5000002',
      '/objects/100001/recordings/5000001',
    ]);
    expect(links[0]).toHaveTextContent('Dana Whitfield');
    expect(links[0]).toHaveTextContent('Password reset loop');
    expect(links[0]).toHaveTextContent('3 hours ago');
    expect(links[0]).toHaveTextContent('Duration: 1:02:05');
    expect(links[0]!.querySelector('time')).toHaveAttribute('dateTime', expect.any(String));
    expect(screen.getByText('latest 2 of 31')).toBeInTheDocument();

    const drafts = screen.getByRole('list', { name: 'Your drafts' });
    expect(within(drafts).getByRole('link')).toHaveTextContent('Score 67 %');
    expect(screen.getByText(/Open disputes:/)).toHaveTextContent('Open disputes: 3');

    await userEvent.setup().click(screen.getByRole('link', { name: 'Go to disputes' }));
    expect(await screen.findByText('Disputes at /disputes')).toBeInTheDocument();
  });

  it('opens a recording’s review page', async () => {
    renderQueue({
      kind: 'reviewer',
      toEvaluate: [recording('5000001')],
      toEvaluateTotal: 1,
      yourDrafts: [],
      openDisputes: 0,
    });
    await userEvent.setup().click(await screen.findByRole('link', { name: /Refund for a double charge/ }));
    expect(await screen.findByText('Review at /objects/100001/recordings/5000001')).toBeInTheDocument();
  });

  it('says so kindly when a reviewer has nothing waiting', async () => {
    renderQueue({ kind: 'reviewer', toEvaluate: [], toEvaluateTotal: 0, yourDrafts: [], openDisputes: 0 });

    expect(await screen.findByText('Nothing waiting for evaluation — nice work.')).toBeInTheDocument();
    expect(screen.getByText(/No evaluations in progress/)).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows agents the evaluations to acknowledge, with score and reviewer, and their recent recordings', async () => {
    renderQueue({
      kind: 'agent',
      toAcknowledge: [
        {
          ...recording('5000003'),
          evaluationId: '40',
          score: 90,
          evaluator: quinn,
          submittedAt: hoursAgo(1),
        },
      ],
      recent: [
        { ...recording('5000003'), latestScore: 90 },
        { ...recording('5000004'), latestScore: null },
      ],
    });

    const toAcknowledge = await screen.findByRole('list', { name: 'To acknowledge' });
    const item = within(toAcknowledge).getByRole('link');
    expect(item).toHaveTextContent('Reviewed by Quinn Avery');
    expect(item).toHaveTextContent('Score 90 %');
    expect(item).toHaveAttribute('href', '/objects/100001/recordings/5000003');
    const recent = within(screen.getByRole('list', { name: 'Your recent recordings' })).getAllByRole('link');
    expect(recent).toHaveLength(2);
    expect(recent[1]).not.toHaveTextContent('Score');
    expect(screen.queryByText(/Open disputes/)).not.toBeInTheDocument();
  });

  it('shows trainers and supervisors their teams’ latest recordings with the latest score', async () => {
    renderQueue({ kind: 'team', recent: [{ ...recording('5000005'), latestScore: 55 }] });
    const list = await screen.findByRole('list', { name: 'Recent recordings of your teams' });
    expect(within(list).getByRole('link')).toHaveTextContent('Score 55 %');
  });

  it('shows a busy skeleton while loading', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.get('/api/queue', async () => {
        await answered;
        return envelope({ kind: 'team', recent: [] });
      }),
    );
    renderRoutes([{ path: '/', element: <QueueSection /> }]);

    expect(screen.getByRole('status', { name: 'Loading your queue' })).toHaveAttribute('aria-busy', 'true');
    answer();
    expect(await screen.findByText('No recorded calls in your teams yet.')).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Loading your queue' })).not.toBeInTheDocument();
  });

  it('shows the server’s message on failure and loads again on Retry', async () => {
    let failing = true;
    server.use(
      http.get('/api/queue', () =>
        failing
          ? errorEnvelope(503, 'Tapeline is busy. Try again shortly.')
          : envelope({ kind: 'team', recent: [] }),
      ),
    );
    renderRoutes([{ path: '/', element: <QueueSection /> }]);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your queue');
    expect(alert).toHaveTextContent('Tapeline is busy. Try again shortly.');
    failing = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No recorded calls in your teams yet.')).toBeInTheDocument();
  });
});
