import { useId, useState, type FormEvent } from 'react';

/** A destructive action that runs only after its target's name is typed exactly. */
export function TypedConfirm({
  expected,
  prompt,
  action,
  onConfirm,
  busy,
}: {
  expected: string;
  prompt: string;
  action: string;
  onConfirm: () => void;
  busy?: boolean;
}) {
  const [typed, setTyped] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed === expected) onConfirm();
  };
  return (
    <form onSubmit={submit} className="danger-zone">
      <label htmlFor={id}>
        {prompt} Type <strong className="mono">{expected}</strong> to confirm.
      </label>
      <div className="row">
        <input
          id={id}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="danger" disabled={typed !== expected || busy}>
          {action}
        </button>
      </div>
    </form>
  );
}
