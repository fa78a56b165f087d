import type { ReactNode } from 'react';

/** A column whose header is read by screen readers only (a row's buttons). */
export const ACTIONS_COLUMN = { hidden: 'Actions' };

type Column = string | { hidden: string };

/** A data table: scrolls on its own in a narrow window, named by a caption for screen readers. */
export function Table({ caption, columns, children }: { caption: string; columns: Column[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={typeof column === 'string' ? column : column.hidden}>
                {typeof column === 'string' ? column : <span className="visually-hidden">{column.hidden}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The second step of a destructive row action: the action named in full, or Cancel. */
export function ConfirmOrCancel({
  label,
  onConfirm,
  onCancel,
}: {
  label: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <span className="row">
      <button type="button" className="danger" onClick={onConfirm}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}

/**
 * A row's destructive action in two steps: its button (named for screen readers by `name`),
 * then the action named in full, or Cancel. `confirming` says which step the row is at.
 */
export function TwoStepAction({
  action,
  name,
  confirmLabel,
  confirming,
  onAsk,
  onConfirm,
  onCancel,
}: {
  action: string;
  name: string;
  confirmLabel: string;
  confirming: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  if (confirming) return <ConfirmOrCancel label={confirmLabel} onConfirm={onConfirm} onCancel={onCancel} />;
  return (
    <button type="button" onClick={onAsk} aria-label={name}>
      {action}
    </button>
  );
}
