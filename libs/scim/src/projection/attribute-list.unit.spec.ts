import { USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { parseAttributeList, withoutValueFilter } from './attribute-list';
import { projectResource } from './project-resource';

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'ada',
  title: 'Lead',
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  meta: { resourceType: 'User' },
};

describe('parseAttributeList (RFC 7644 §3.4.2.5)', () => {
  it('splits a comma-separated list and trims the names; a list (SearchRequest) is taken as it is', () => {
    expect(parseAttributeList('userName, emails.value ,title')).toEqual(['userName', 'emails.value', 'title']);
    expect(parseAttributeList(['userName', ' title '])).toEqual(['userName', 'title']);
    expect(parseAttributeList(undefined)).toEqual([]);
    expect(parseAttributeList('')).toEqual([]);
  });

  it('does not split inside a value filter or its quotes', () => {
    expect(parseAttributeList('emails[type eq "a,b" or type eq "work"],userName')).toEqual([
      'emails[type eq "a,b" or type eq "work"]',
      'userName',
    ]);
  });

  it("with valueFilters 'strip' (Entra), a filtered name selects the attribute it filters", () => {
    expect(parseAttributeList('emails[type eq "work"]', { valueFilters: 'strip' })).toEqual(['emails']);
    expect(parseAttributeList('emails[type eq "work"].value,userName', { valueFilters: 'strip' })).toEqual([
      'emails.value',
      'userName',
    ]);
    expect(withoutValueFilter('emails[value eq "]"].type')).toBe('emails.type');
    expect(withoutValueFilter('emails[unclosed')).toBe('emails[unclosed');
  });

  it(
    'so that the projection returns emails under Entra, ' + 'and ignores the filtered name otherwise (RFC: names only)',
    () => {
      const entra = projectResource(user, USER_RESOURCE_SCHEMA, {
        attributes: parseAttributeList('emails[type eq "work"]', { valueFilters: 'strip' }),
      });
      expect(entra).toEqual({ schemas: user.schemas, id: 'u1', emails: user.emails, meta: user.meta });
      const strict = projectResource(user, USER_RESOURCE_SCHEMA, {
        attributes: parseAttributeList('emails[type eq "work"]'),
      });
      expect(strict).toEqual({ schemas: user.schemas, id: 'u1', meta: user.meta });
    },
  );
});
