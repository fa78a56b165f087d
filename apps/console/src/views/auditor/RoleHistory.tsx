import { useCallback, useState } from 'react';
import { api, query } from '../../app/api';
import { DateTimeField, FilterForm, TextField, useDraft } from '../../ui/fields';
import { ErrorMessage, localInputToIso, Page, plural, StatusMessage, Time, zoneLabel } from '../../ui/page';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-api';
import { ExportLinks } from './ExportLinks';
import { describeActor, type RoleHolding } from './types';

/** "Who held role X during a period?": every holding overlapping the window, granted and revoked by whom. */
export function RoleHistory() {
  const { draft, bind } = useDraft({ groupId: '', from: '', to: '' });
  const [asked, setAsked] = useState<{ groupId: string; from?: string; to?: string }>();
  const [holdings, setHoldings] = useState<RoleHolding[]>();
  const [total, setTotal] = useState(0);
  const params = asked ? query({ from: asked.from, to: asked.to }) : '';
  const { error } = useLoad(
    useCallback(async () => {
      if (!asked) return;
      const answer = await api<{ totalResults: number; Resources: RoleHolding[] }>(
        'GET',
        `/audit/roles/${encodeURIComponent(asked.groupId)}/history${query({ from: asked.from, to: asked.to })}`,
      );
      setHoldings(answer.Resources);
      setTotal(answer.totalResults);
    }, [asked]),
    { forget: () => setHoldings(undefined) },
  );
  const submit = () =>
    setAsked({ groupId: draft.groupId.trim(), from: localInputToIso(draft.from), to: localInputToIso(draft.to) });
  return (
    <Page
      title="A role's history"
      intro={
        'Every holding of the role (SCIM group) that overlaps the period: who, granted when and by whom, ' +
        'revoked when, by whom and why.'
      }
    >
      <FilterForm label="Role and period" submit="Show history" onSubmit={submit}>
        <TextField id="role-id" label="Role (group id)" required {...bind('groupId')} spellCheck={false} />
        <DateTimeField id="role-from" label={`From (${zoneLabel()}; optional)`} {...bind('from')} />
        <DateTimeField id="role-to" label={`To (${zoneLabel()}; optional)`} {...bind('to')} />
      </FilterForm>
      <ErrorMessage error={error} />
      {holdings && asked ? (
        <>
          <StatusMessage message={`${plural(total, 'holding')}.`} />
          <ExportLinks path={`roles/${encodeURIComponent(asked.groupId)}/history`} params={params} what="the history" />
          <Table
            caption="Holdings of the role"
            columns={['User id', 'Granted', 'Granted by', 'Revoked', 'Revoked by', 'Why']}
          >
            {holdings.map((h) => (
              <tr key={`${h.userId}-${h.grantedAt}`}>
                <td className="mono">{h.userId}</td>
                <td>
                  <Time iso={h.grantedAt} />
                </td>
                <td>{describeActor(h.grantedBy)}</td>
                <td>
                  <Time iso={h.revokedAt} />
                </td>
                <td>{describeActor(h.revokedBy)}</td>
                <td>{h.revokeReason ?? '–'}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </Page>
  );
}
