import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashDigest } from './api-key';

/**
 * The one place a presented key is checked. Every verification, whatever the outcome, costs
 * exactly one SHA-256 and one constant-time compare of 32 bytes: when there is no stored hash to
 * compare with (unknown tenant, unknown or malformed key) a random dummy digest stands in, so the
 * response time does not tell an attacker which case it was.
 */
@Injectable()
export class ApiKeyHasher {
  private readonly dummy = randomBytes(32);

  /** true only when `storedHash` is given, well-formed, and the hash of `presented`. */
  verify(presented: string, storedHash: string | undefined): boolean {
    const stored = storedHash === undefined ? undefined : hashDigest(storedHash);
    const actual = this.digest(presented);
    const equal = this.compare(actual, stored ?? this.dummy);
    return equal && stored !== undefined;
  }

  /** Separate methods so tests can count them on every path. */
  digest(presented: string): Buffer {
    return createHash('sha256').update(presented, 'utf8').digest();
  }

  compare(a: Buffer, b: Buffer): boolean {
    return timingSafeEqual(a, b);
  }
}
