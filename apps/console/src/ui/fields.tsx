import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { errorText } from '../app/api';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>;

interface FieldProps {
  id: string;
  label: ReactNode;
}

/** A form grid's cell: the label that names the control below it. */
export function Field({ id, label, children }: FieldProps & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** A labelled input whose value comes back as text; `help` below it describes it to screen readers too. */
export function TextField({
  id,
  label,
  value,
  onChange,
  help,
  ...input
}: FieldProps & InputProps & { value: string; onChange: (value: string) => void; help?: ReactNode }) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby={help ? `${id}-help` : undefined}
        {...input}
      />
      {help ? (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      ) : null}
    </Field>
  );
}

/** A date-time picker to the second, in the browser's zone (read with localInputToIso). */
export function DateTimeField(props: Parameters<typeof TextField>[0]) {
  return <TextField type="datetime-local" step={1} {...props} />;
}

export interface Choice {
  value: string | number;
  label: string;
}

/** The choices of a filter: "any" (no filter) and each value as itself. */
export function anyOf(values: ReadonlyArray<string | number>): Choice[] {
  return [{ value: '', label: 'any' }, ...values.map((value) => ({ value, label: String(value) }))];
}

interface SelectProps {
  id: string;
  value: string | number;
  choices: Choice[];
  onChange: (value: string) => void;
}

export function Select({ id, value, choices, onChange }: SelectProps) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

export function SelectField({ label, ...select }: SelectProps & { label: ReactNode }) {
  return (
    <Field id={select.id} label={label}>
      <Select {...select} />
    </Field>
  );
}

/** A radio button or a checkbox with its label beside it. */
function Toggle({
  id,
  label,
  checked,
  onChange,
  ...input
}: FieldProps &
  InputProps & { type: 'radio' | 'checkbox'; value?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className={input.type}>
      <input id={id} checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Radio(props: Omit<Parameters<typeof Toggle>[0], 'type' | 'onChange'> & { onChoose: () => void }) {
  const { onChoose, ...toggle } = props;
  return <Toggle type="radio" onChange={onChoose} {...toggle} />;
}

export function Checkbox(props: Omit<Parameters<typeof Toggle>[0], 'type'>) {
  return <Toggle type="checkbox" {...props} />;
}

/** A card of filters or a question: its fields, then the submit button (and any further buttons). */
export function FilterForm({
  label,
  submit,
  onSubmit,
  extraActions,
  children,
}: {
  label: string;
  submit: string;
  onSubmit: () => void;
  extraActions?: ReactNode;
  children: ReactNode;
}) {
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={apply} className="card filters" aria-label={label}>
      {children}
      <div className="actions">
        <button type="submit" className="primary">
          {submit}
        </button>
        {extraActions}
      </div>
    </form>
  );
}

/**
 * A form that sends one request: `busy` while it runs (the submit button is disabled), its
 * failure shown as `error`. A success is the work's own business (navigate, sign in).
 */
export function useSubmit(work: () => Promise<void>) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(errorText(caught)); // 401 and 429 carry their own words (which credential; when to try again)
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit: (event: FormEvent) => void submit(event) };
}

type TextKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/**
 * The values of a form not yet submitted: `bind(key)` gives a text field its value and its
 * onChange, so each field of the draft is wired the same way.
 */
export function useDraft<T extends object>(initial: T) {
  const [draft, setDraft] = useState(initial);
  const bind = <K extends TextKeys<T>>(key: K) => ({
    value: draft[key] as string,
    onChange: (value: string) => setDraft({ ...draft, [key]: value }),
  });
  return { draft, setDraft, bind };
}
