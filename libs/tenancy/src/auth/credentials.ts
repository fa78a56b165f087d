/**
 * What the Authorization header offers. Malformed headers still yield a (useless) key, so the caller does the same
 * work.
 */
export type Credentials =
  | { scheme: 'bearer'; key: string }
  | { scheme: 'basic'; username: string; key: string }
  | { scheme: 'unknown'; key: string };

export function parseAuthorization(header: string): Credentials {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer') return { scheme: 'bearer', key: value };
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) return { scheme: 'basic', username: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
  }
  return { scheme: 'unknown', key: value };
}
