/**
 * @lib/follower — one runtime for every follower of the event log (read-model projector, audit
 * projector, Kafka publisher): leader lease with fencing, errors by kind, poison events parked per
 * tenant with retry and skip, health and metrics. Followers are handlers plugged into it.
 * See docs/architecture.md ("Followers").
 */
export * from './errors/error-kinds';
export * from './errors/backoff';
export * from './lease/leader-lease';
export * from './lease/pg-leader-lease';
export * from './lease/fence';
export * from './migrations/table-names';
export { followerMigrations } from './migrations';
export * from './parking/parked-event';
export * from './parking/parking-signal';
export * from './parking/pg-parking-store';
export * from './runtime/follower-handler';
export * from './runtime/follower-store';
export * from './runtime/follower-runtime';
export * from './runtime/create-follower';
export * from './runtime/log-follower';
export * from './health/follower-health';
export * from './health/follower-metrics';
export * from './health/register-follower';
export * from './health/follower-checks';
export * from './admin/parked-events-admin';
export * from './admin/follower-status';
export * from './admin/parked-events.controller';
export * from './runtime/shared-log';
