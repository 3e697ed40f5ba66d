// The primary navigation: a row of links on wide screens; on narrow ones (a phone held upright) a
// "Menu" button that discloses the links and the account controls (WAI-ARIA disclosure pattern).
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { CurrentUser } from '../../contract/auth';
import {
  mayManageRetention,
  mayManageScorecards,
  mayManageUsers,
  mayReadAudit,
  mayResolveDisputes,
  maySearch,
  mayWatchPlaylists,
} from '../../contract/permissions';
import { useMediaQuery } from '../lib/use-media-query';

/** Sections shown only to those who may use them (contract/permissions.ts). */
const permittedSections = [
  { to: '/search', label: 'Search', allowed: maySearch },
  { to: '/playlists', label: 'Playlists', allowed: mayWatchPlaylists },
  { to: '/disputes', label: 'Disputes', allowed: mayResolveDisputes },
  { to: '/admin/scorecards', label: 'Scorecards', allowed: mayManageScorecards },
  { to: '/admin/users', label: 'Users', allowed: mayManageUsers },
  { to: '/admin/teams', label: 'Teams', allowed: mayManageUsers },
  { to: '/admin/audit', label: 'Audit', allowed: mayReadAudit },
  { to: '/admin/retention', label: 'Retention', allowed: mayManageRetention },
];

/**
 * Where the row of links still fits (Tailwind's `xl`, the header's own width): an administrator's nine
 * sections and the account need about 72rem, so below 80rem they fold into the menu.
 */
export const WIDE_SCREEN = '(min-width: 80rem)';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-lg px-3 py-2 text-sm font-medium transition-colors ${
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
  }`;

interface PrimaryNavProps {
  user: CurrentUser;
  /** Who is signed in and the sign-out button: beside the links when wide, inside the menu when narrow. */
  account: ReactNode;
}

export function PrimaryNav({ user, account }: PrimaryNavProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  return wide ? (
    <>
      <nav aria-label="Primary" className="flex-1">
        <SectionLinks user={user} className="flex items-center gap-1" />
      </nav>
      {account}
    </>
  ) : (
    <MenuDisclosure user={user} account={account} />
  );
}

function MenuDisclosure({ user, account }: PrimaryNavProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  }

  return (
    <div className="ml-auto" onKeyDown={closeOnEscape}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        className="inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-semibold text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        <MenuIcon open={open} />
        Menu
      </button>
      <div
        id={panelId}
        hidden={!open}
        // A link followed from the menu closes it: the next page starts with the menu out of the way.
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpen(false);
        }}
        className="absolute inset-x-0 top-full border-b border-slate-200 bg-white px-4 pt-2 pb-4 shadow-lg"
      >
        <nav aria-label="Primary">
          <SectionLinks user={user} className="flex flex-col gap-1" />
        </nav>
        <div className="mt-3 border-t border-slate-200 pt-3">{account}</div>
      </div>
    </div>
  );
}

function SectionLinks({ user, className }: { user: CurrentUser; className: string }) {
  return (
    <ul className={className}>
      <li>
        <NavLink to="/" end className={navLinkClass}>
          Home
        </NavLink>
      </li>
      {permittedSections
        .filter((section) => section.allowed(user))
        .map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} className={navLinkClass}>
              {section.label}
            </NavLink>
          </li>
        ))}
    </ul>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor">
      {open ? (
        <path strokeWidth="1.75" strokeLinecap="round" d="M5 5l10 10M15 5L5 15" />
      ) : (
        <path strokeWidth="1.75" strokeLinecap="round" d="M3 5h14M3 10h14M3 15h14" />
      )}
    </svg>
  );
}
