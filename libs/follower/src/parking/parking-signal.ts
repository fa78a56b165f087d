import type { ParkedStatus } from './parked-event';

/**
 * What a NOTIFY on PARKING_CHANNEL says. `held` tells waiters (read-your-writes) at once that a
 * tenant's writes from `position` on will not become visible; `request` wakes the active
 * follower to serve an operator's retry or skip.
 */
export type ParkingSignal =
  | { kind: 'held'; follower: string; tenantId: string; position: number }
  | { kind: 'released'; follower: string; tenantId: string; status: ParkedStatus }
  | { kind: 'request'; follower: string };

export function encodeParkingSignal(signal: ParkingSignal): string {
  return JSON.stringify(signal);
}

export function decodeParkingSignal(payload: string | undefined): ParkingSignal | null {
  if (!payload) return null;
  try {
    const signal = JSON.parse(payload) as ParkingSignal;
    return typeof signal === 'object' && signal !== null && typeof signal.follower === 'string' ? signal : null;
  } catch {
    return null;
  }
}
