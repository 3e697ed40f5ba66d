import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchFacets } from '../../../contract/search';
import { SearchFilters } from './SearchFilters';

const facets = (estimated: boolean): SearchFacets => ({
  agents: [{ id: '7', username: 'dana', first_name: 'Dana', last_name: 'Reyes', count: 12_345 }],
  teams: [{ id: '2', name: 'Billing', count: 47 }],
  qaStates: [{ value: 'submitted', count: 3_180 }],
  tags: [{ value: 'refund', count: 960 }],
  estimated,
});

describe('SearchFilters', () => {
  it('shows exact counts as they are', () => {
    render(<SearchFilters params={new URLSearchParams()} facets={facets(false)} onChange={() => {}} />);
    expect(screen.getByRole('checkbox', { name: 'Dana Reyes (12345)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Evaluated (3180)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Not evaluated (0)' })).toBeInTheDocument();
  });

  it('shows counts scaled from a sample rounded, as estimates', () => {
    render(<SearchFilters params={new URLSearchParams()} facets={facets(true)} onChange={() => {}} />);
    expect(screen.getByRole('checkbox', { name: 'Dana Reyes (≈12,000)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Billing (≈47)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Evaluated (≈3,200)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: '#refund (≈960)' })).toBeInTheDocument();
  });
});
