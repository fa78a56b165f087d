import { useId, useState } from 'react';
import { Checkbox } from './fields';
import { StatusMessage } from './page';

/**
 * A secret shown this once (an API key, an auditor credential): copy button, a warning, and a
 * confirmation that it is stored before it goes away for good. Only its hash is kept server-side.
 */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [stored, setStored] = useState(false);
  const [copied, setCopied] = useState<string>();
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying was refused by the browser: select the text and copy it by hand.');
    }
  };
  return (
    <section className="secret" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{label}: shown once</h2>
      <p className="warning">
        Store it now, for example in your identity provider or a password manager. It is not shown again: only its hash
        is stored. If it is lost, rotate or issue a new one.
      </p>
      <label htmlFor={`${id}-value`}>{label}</label>
      <div className="secret-row">
        <input
          id={`${id}-value`}
          className="mono"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <StatusMessage message={copied} />
      <Checkbox id={`${id}-stored`} label="I have stored it" checked={stored} onChange={setStored} />
      <button type="button" className="primary" disabled={!stored} onClick={onDone}>
        Hide it for good
      </button>
    </section>
  );
}
