import { parseFilter, USER_RESOURCE_SCHEMA, InvalidFilterError } from '@lib/scim';
import { LIVE_TABLES } from '../schema/table-names';
import { userSources } from './attribute-sources';
import { filterToSql } from './filter-to-sql';
import { SqlParams } from './sql-params';

function translate(filter: string) {
  const params = new SqlParams();
  const sql = filterToSql(parseFilter(filter), {
    sources: userSources(LIVE_TABLES),
    resourceSchema: USER_RESOURCE_SCHEMA,
    params,
  });
  return { sql, values: params.values };
}

describe('SCIM filter -> SQL (text of the translation)', () => {
  it('userName eq finds the hash of the folded value (the unique index) and rechecks the full folded value', () => {
    const { sql, values } = translate('userName eq "Bjensen"');
    expect(sql).toContain('scim_key(r.user_name_fold) = scim_key(scim_fold($1)) AND r.user_name_fold = scim_fold($1)');
    expect(values).toEqual(['Bjensen']);
  });

  it(
    'externalId (caseExact) compares the raw value through its hash index; JSON sub-attributes fold at query ' + 'time',
    () => {
      expect(translate('externalId eq "E1"').sql).toContain(
        'scim_key(r.external_id) = scim_key($1) AND r.external_id = $1',
      );
      expect(translate('name.givenName sw "É"').sql).toMatch(
        new RegExp(
          String.raw`scim_fold\(\(CASE WHEN jsonb_typeof\(x\d+\.v\) = 'string' THEN x\d+\.v #>> '\{\}' END\)\)` +
            String.raw` LIKE scim_fold\(\$1\) \|\| '%'`,
        ),
      );
    },
  );

  it('ordered comparisons on an indexed folded column add the implied, indexed prefix bound', () => {
    expect(translate('displayName gt "m"').sql).toContain(
      'left(r.display_name_fold, 256) COLLATE "C" >= left(scim_fold($1), 256) COLLATE "C" AND r.display_name_fold ' +
        'COLLATE "C" > scim_fold($1) COLLATE "C"',
    );
  });

  it('never puts a filter value into the SQL text; LIKE wildcards in values are escaped', () => {
    const { sql, values } = translate(`title co "x'); DROP TABLE users; --" or userName sw "50%_"`);
    expect(sql).not.toContain('DROP');
    expect(values).toEqual(["x'); DROP TABLE users; --", '50\\%\\_']);
  });

  it('value paths over child rows become EXISTS on the child table', () => {
    const { sql } = translate('emails[type eq "work" and value co "@example.com"]');
    expect(sql).toMatch(
      new RegExp(
        String.raw`^EXISTS \(SELECT 1 FROM "public"\."scim_user_emails_v2" c ` +
          String.raw`WHERE c\.tenant_id = r\.tenant_id AND c\.user_id = r\.id AND`,
      ),
    );
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
