// A modal dialog: the native <dialog> opened with showModal(), so the page behind is inert and focus stays
// inside; Escape closes it (unless a choice must be made), focus goes back where it was, and it is
// labelled by its own title.
import { useEffect, useRef, type ReactNode } from 'react';

const WIDTHS = { sm: 'max-w-sm', md: 'max-w-md' } as const;

export function Dialog({
  open,
  onClose,
  labelledBy,
  describedBy,
  width = 'md',
  closeOnBackdropClick = false,
  mustChoose = false,
  children,
}: {
  open: boolean;
  /** Called when the dialog closes by itself: Escape, or a click on the backdrop when allowed. */
  onClose?: () => void;
  /** The id of the dialog's title. */
  labelledBy: string;
  describedBy?: string;
  width?: keyof typeof WIDTHS;
  closeOnBackdropClick?: boolean;
  /** Escape does nothing: the dialog's own buttons are the only ways out. */
  mustChoose?: boolean;
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement;
      // jsdom has no showModal(); browsers all do.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      restoreFocus();
    }
  }, [open]);

  // Unmounted while open (its owner moved on): the focus still goes back.
  useEffect(() => () => restoreFocus(), []);

  function restoreFocus() {
    const opener = openerRef.current;
    openerRef.current = null;
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        if (mustChoose) event.preventDefault();
      }}
      onClose={() => {
        restoreFocus();
        onClose?.();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (closeOnBackdropClick && event.target === event.currentTarget) onClose?.();
      }}
      className={`m-auto w-full ${WIDTHS[width]} rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-950/50`}
    >
      {children}
    </dialog>
  );
}
