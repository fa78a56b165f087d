import { useCallback, useState } from 'react';
import { api } from '../../app/api';
import { ErrorMessage, Page, StatusMessage, Time } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { ACTIONS_COLUMN, Table, TwoStepAction } from '../../ui/table';
import { useActions, useLoad } from '../../ui/use-api';
import { TenantNav } from './TenantNav';
import type { AuditorSummary, IssuedAuditor } from './types';

/** Auditor credentials of a tenant: read-only access to its audit answers, one tenant each. */
export function Auditors({ tenantId }: { tenantId: string }) {
  const [auditors, setAuditors] = useState<AuditorSummary[]>();
  const [issued, setIssued] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const base = `/admin/tenants/${encodeURIComponent(tenantId)}/auditors`;
  const loaded = useLoad(
    useCallback(async () => setAuditors((await api<{ auditors: AuditorSummary[] }>('GET', base)).auditors), [base]),
  );
  const { status, run } = useActions(loaded);
  const issue = () =>
    run(async () => {
      const credential = await api<IssuedAuditor>('POST', base);
      setIssued(credential.secret);
      return `Auditor credential ${credential.id} issued.`;
    });
  const revoke = (id: string) =>
    run(async () => {
      await api('DELETE', `${base}/${encodeURIComponent(id)}`);
      setConfirming(undefined);
      return `Auditor credential ${id} revoked; its console sessions have ended.`;
    });
  return (
    <Page
      title="Auditor credentials"
      intro={
        "An auditor credential reads this tenant's audit answers (who had access when, timelines, role histories) " +
        'and nothing else.'
      }
    >
      <TenantNav tenantId={tenantId} current="/auditors" />
      <ErrorMessage error={loaded.error} />
      <StatusMessage message={status} />
      {issued ? <SecretOnce label="Auditor credential" value={issued} onDone={() => setIssued(undefined)} /> : null}
      <p>
        <button type="button" className="primary" onClick={() => void issue()}>
          Issue an auditor credential
        </button>
      </p>
      <Table caption="Auditor credentials" columns={['Id', 'Issued', 'Revoked', ACTIONS_COLUMN]}>
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
              {auditor.revokedAt ? null : (
                <TwoStepAction
                  action="Revoke"
                  name={`Revoke auditor credential ${auditor.id}`}
                  confirmLabel={`Revoke ${auditor.id} now`}
                  confirming={confirming === auditor.id}
                  onAsk={() => setConfirming(auditor.id)}
                  onConfirm={() => void revoke(auditor.id)}
                  onCancel={() => setConfirming(undefined)}
                />
              )}
            </td>
          </tr>
        ))}
      </Table>
    </Page>
  );
}
