/**
 * Downloads of the whole answer, streamed by the audit API (CSV: RFC 4180; JSON). The session cookie authorises them.
 */
export function ExportLinks({ path, params, what }: { path: string; params: string; what: string }) {
  return (
    <p className="row exports">
      <a className="button" href={`/console/api/audit/exports/${path}.csv${params}`} download>
        Export {what} as CSV
      </a>
      <a className="button" href={`/console/api/audit/exports/${path}.json${params}`} download>
        Export {what} as JSON
      </a>
    </p>
  );
}
