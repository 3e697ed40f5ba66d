import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoutes } from '../test/Rendering';
import { RouteErrorBoundary } from './ErrorBoundary';

function BrokenPage(): never {
  throw new Error('render failed');
}

describe('RouteErrorBoundary', () => {
  afterEach(() => vi.restoreAllMocks());

  it('replaces a page that failed to render with a friendly message and a reload', async () => {
    // React and the boundary both report the error; the test only cares about what the user sees.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderRoutes([{ path: '/', element: <BrokenPage />, errorElement: <RouteErrorBoundary /> }]);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Something went wrong' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your queue' })).toHaveAttribute('href', '/');
    expect(screen.queryByText('render failed')).not.toBeInTheDocument();
  });
});
