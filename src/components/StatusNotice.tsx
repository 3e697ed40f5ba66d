/** A quiet, dismissible message that does not interrupt: announced politely, never takes focus. */
export function StatusNotice({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  // The live region stays mounted so screen readers announce a message when it appears.
  return (
    <div role="status" className="empty:hidden">
      {message && (
        <div className="flex items-start gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2.5 sm:px-6 lg:px-8">
          <svg viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 fill-amber-600" aria-hidden="true">
            <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm-.9 4.4a.9.9 0 0 1 1.8 0v4.6a.9.9 0 0 1-1.8 0V5.9ZM10 15a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
          </svg>
          <p className="flex-1 text-sm text-amber-900">{message}</p>
          <button
            type="button"
            onClick={onDismiss}
            className="-my-1 rounded-md px-2 py-1 text-sm font-semibold text-amber-900 hover:bg-amber-100"
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
