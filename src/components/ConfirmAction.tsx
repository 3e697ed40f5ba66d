// An action that cannot be undone, asked twice in place: the button turns into a group that says what
// will happen, with the red button that does it and Cancel. Focus goes to Cancel on asking, and back to
// the button when cancelled, so the keyboard never lands on the destructive choice by accident.
import { useEffect, useRef, useState } from 'react';
import { Button } from './Button';

export function ConfirmAction({
  label,
  name,
  consequence,
  pending,
  onConfirm,
}: {
  /** The button's text ("Deactivate"). */
  label: string;
  /** What it does to what ("Deactivate dana"): the button's name, the question's and the confirmation's. */
  name: string;
  /** Said beside the confirmation ("Ends their sessions and keys now."). */
  consequence: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  return asking ? (
    <div role="group" aria-label={`${name}?`} className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">{consequence}</span>
      <Button className="bg-red-700 hover:bg-red-800" pending={pending} onClick={onConfirm}>
        {name}
      </Button>
      <Button ref={cancel} variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </div>
  ) : (
    <Button ref={trigger} variant="secondary" aria-label={name} onClick={() => setAsking(true)}>
      {label}
    </Button>
  );
}
