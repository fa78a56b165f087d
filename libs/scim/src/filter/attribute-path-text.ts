import { AttributePath } from './ast';

/** `ATTRNAME = ALPHA *(nameChar)` (RFC 7643 §2.1), plus `$ref` which RFC 7643 uses as a sub-attribute name. */
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/**
 * Splits `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.10) into its parts.
 * The URN is everything up to the LAST colon, because URNs contain colons and dots
 * (`urn:…:enterprise:2.0:User:manager.value`). Returns an error message instead of throwing
 * so that the filter parser and the PATCH path parser can raise their own scimType.
 */
export function splitAttributePath(text: string): AttributePath | string {
  let schema: string | undefined;
  let rest = text;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0) {
    schema = text.slice(0, lastColon);
    rest = text.slice(lastColon + 1);
    if (!/^urn:[^\s]+$/i.test(schema)) return `"${text}" is not an attribute path: only a URN may precede ":"`;
  }
  const parts = rest.split('.');
  if (parts.length > 2) return `"${text}" has more than one sub-attribute level`;
  const [attribute, subAttribute] = parts;
  if (!ATTRIBUTE_NAME.test(attribute)) return `"${attribute}" is not a valid attribute name`;
  if (subAttribute !== undefined && !ATTRIBUTE_NAME.test(subAttribute)) {
    return `"${subAttribute}" is not a valid sub-attribute name`;
  }
  return {
    ...(schema !== undefined ? { schema } : {}),
    attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  };
}

/** Renders an attribute path back to its text form. */
export function attributePathToString(path: AttributePath): string {
  const qualified = path.schema !== undefined ? `${path.schema}:${path.attribute}` : path.attribute;
  return path.subAttribute !== undefined ? `${qualified}.${path.subAttribute}` : qualified;
}
