/** The follower runtime's own tables (one row or set of rows per follower name). */
export const FollowerTables = {
  leases: 'follower_leases',
  status: 'follower_status',
  parked: 'parked_events',
} as const;

/** NOTIFY channel of parking changes: payload is a JSON `ParkingSignal` (parking/parking-signal.ts). */
export const PARKING_CHANNEL = 'follower_parking';
