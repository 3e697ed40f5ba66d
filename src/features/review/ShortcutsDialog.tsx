// The `?` dialog: the page's keyboard shortcuts.
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { shortcutHelp, type ShortcutHelp } from './shortcuts';

export function ShortcutsDialog({
  open,
  onClose,
  extraShortcuts = [],
}: {
  open: boolean;
  onClose: () => void;
  extraShortcuts?: ShortcutHelp[];
}) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy="shortcuts-title" width="sm" closeOnBackdropClick>
      <div className="p-6">
        <h2 id="shortcuts-title" className="text-lg font-semibold tracking-tight">
          Keyboard shortcuts
        </h2>
        <p className="mt-1 text-sm text-slate-600">They work anywhere on this page, except while typing.</p>
        <dl className="mt-5 divide-y divide-slate-100">
          {[...shortcutHelp, ...extraShortcuts].map((shortcut) => (
            <div key={shortcut.description} className="flex items-center justify-between gap-4 py-2.5">
              <dt className="text-sm text-slate-700">{shortcut.description}</dt>
              <dd className="flex gap-1.5">
                {shortcut.keys.map((key, index) => (
                  <span key={key} className="flex items-center gap-1.5">
                    {index > 0 && <span className="text-xs text-slate-500">or</span>}
                    <kbd className="min-w-7 rounded-md border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-xs font-semibold text-slate-700 shadow-[0_1px_0] shadow-slate-300">
                      {key}
                    </kbd>
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
        <div className="mt-6 flex justify-end">
          <Button variant="secondary" onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
