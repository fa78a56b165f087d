import { sha256 } from '../shared/secrets';

/**
 * What an operator session remembers of the token it was granted on: a one-way fingerprint, so a
 * new OPERATOR_TOKEN (a restart with another value) ends every operator session.
 */
export function operatorFingerprint(operatorToken: string): string {
  return sha256(`console-operator-session:${operatorToken}`);
}
