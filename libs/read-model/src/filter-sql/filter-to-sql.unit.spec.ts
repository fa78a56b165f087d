import { parseFilter, USER_RESOURCE_SCHEMA, InvalidFilterError } from '@lib/scim';
import { LIVE_TABLES } from '../schema/table-names';
import { userSources } from './attribute-sources';
import { filterToSql } from './filter-to-sql';
import { SqlParams } from './sql-params';

function translate(filter: string) {
  const params = new SqlParams();
  const sql = filterToSql(parseFilter(filter), { sources: userSources(LIVE_TABLES), resourceSchema: USER_RESOURCE_SCHEMA, params });
  return { sql, values: params.values };
}

describe('SCIM filter -> SQL (text of the translation)', () => {
  it('userName eq compares the folded column with a parameter (the index expression)', () => {
    const { sql, values } = translate('userName eq "Bjensen"');
    expect(sql).toContain('lower(r.user_name) = lower($1)');
    expect(values).toEqual(['Bjensen']);
  });

  it('never puts a filter value into the SQL text; LIKE wildcards in values are escaped', () => {
    const { sql, values } = translate(`title co "x'); DROP TABLE users; --" or userName sw "50%_"`);
    expect(sql).not.toContain('DROP');
    expect(values).toEqual(["x'); DROP TABLE users; --", '50\\%\\_']);
  });

  it('value paths over child rows become EXISTS on the child table', () => {
    const { sql } = translate('emails[type eq "work" and value co "@example.com"]');
    expect(sql).toMatch(/^EXISTS \(SELECT 1 FROM "public"\."scim_user_emails_v1" c WHERE c\.tenant_id = r\.tenant_id AND c\.user_id = r\.id AND/);
  });

  it('attributes without a column read the resource JSON by schema-defined keys', () => {
    const { sql } = translate('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales"');
    expect(sql).toContain(`r.resource -> 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' -> 'department'`);
  });

  it('unknown attributes and unsupported operators are invalidFilter', () => {
    expect(() => translate('foo eq "x"')).toThrow(InvalidFilterError);
    expect(() => translate('meta.created co "2020"')).toThrow(InvalidFilterError);
  });
});
