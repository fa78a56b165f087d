import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../../app/api';
import { ErrorMessage, Page, StatusMessage, Time } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { TenantNav } from './TenantNav';
import type { AuditorSummary, IssuedAuditor } from './types';

/** Auditor credentials of a tenant: read-only access to its audit answers, one tenant each. */
export function Auditors({ tenantId }: { tenantId: string }) {
  const [auditors, setAuditors] = useState<AuditorSummary[]>();
  const [issued, setIssued] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const base = `/admin/tenants/${encodeURIComponent(tenantId)}/auditors`;
  const load = useCallback(async () => {
    try {
      setAuditors((await api<{ auditors: AuditorSummary[] }>('GET', base)).auditors);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, [base]);
  useEffect(() => void load(), [load]);
  const issue = async () => {
    setError(undefined);
    try {
      const credential = await api<IssuedAuditor>('POST', base);
      setIssued(credential.secret);
      setStatus(`Auditor credential ${credential.id} issued.`);
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await api('DELETE', `${base}/${encodeURIComponent(id)}`);
      setConfirming(undefined);
      setStatus(`Auditor credential ${id} revoked; its console sessions have ended.`);
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <Page
      title="Auditor credentials"
      intro="An auditor credential reads this tenant's audit answers (who had access when, timelines, role histories) and nothing else."
    >
      <TenantNav tenantId={tenantId} current="/auditors" />
      <ErrorMessage error={error} />
      <StatusMessage message={status} />
      {issued ? <SecretOnce label="Auditor credential" value={issued} onDone={() => setIssued(undefined)} /> : null}
      <p>
        <button type="button" className="primary" onClick={() => void issue()}>
          Issue an auditor credential
        </button>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Auditor credentials</caption>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Issued</th>
              <th scope="col">Revoked</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(auditors ?? []).map((auditor) => (
              <tr key={auditor.id}>
                <td className="mono">{auditor.id}</td>
                <td>
                  <Time iso={auditor.createdAt} />
                </td>
                <td>
                  <Time iso={auditor.revokedAt} />
                </td>
                <td>
                  {auditor.revokedAt ? null : confirming === auditor.id ? (
                    <span className="row">
                      <button type="button" className="danger" onClick={() => void revoke(auditor.id)}>
                        Revoke {auditor.id} now
                      </button>
                      <button type="button" onClick={() => setConfirming(undefined)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setConfirming(auditor.id)}
                      aria-label={`Revoke auditor credential ${auditor.id}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
