import { closingBracket, indexOutsideQuotes } from '../text/outside-quotes';

export interface AttributeListOptions {
  /**
   * A name written with a value filter (`emails[type eq "work"]`, `emails[type eq "work"].value`)
   * is read as the attribute it filters (`emails`, `emails.value`): Microsoft's SCIM validator asks
   * for attributes this way. RFC 7644 §3.4.2.5 names attributes only, so without this option such
   * a name stays as written and, naming no attribute, is ignored like any unknown name.
   */
  readonly valueFilters?: 'strip' | 'keep';
}

/**
 * The names of an `attributes` / `excludedAttributes` parameter (RFC 7644 §3.4.2.5): a
 * comma-separated string (or a list, as a SearchRequest body sends it). Commas inside a value
 * filter's brackets or quotes do not separate names.
 */
export function parseAttributeList(value: unknown, options: AttributeListOptions = {}): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value.map(String) : splitOutsideBrackets(String(value));
  const names = items.map((item) => item.trim()).filter(Boolean);
  return options.valueFilters === 'strip' ? names.map(withoutValueFilter) : names;
}

/** `emails[type eq "work"].value` → `emails.value`; a name without brackets is returned as it is. */
export function withoutValueFilter(name: string): string {
  const open = name.indexOf('[');
  if (open < 0) return name;
  const close = closingBracket(name, open);
  if (close < 0) return name;
  return `${name.slice(0, open)}${name.slice(close + 1)}`.trim();
}

function splitOutsideBrackets(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  indexOutsideQuotes(text, 0, (character, index) => {
    if (character === '[') depth++;
    else if (character === ']') depth = Math.max(0, depth - 1);
    else if (character === ',' && depth === 0) {
      names.push(text.slice(start, index));
      start = index + 1;
    }
    return false;
  });
  names.push(text.slice(start));
  return names;
}
