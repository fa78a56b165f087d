import type { JsonObject } from '../shared/json';
import type { DomainEvent } from './domain-event';
import { CURRENT_EVENT_VERSIONS } from './catalogue';

/**
 * Upcasting: stored events keep the shape they were written with; readers bring old versions up
 * to the current one, step by step (v1 -> v2 -> v3), before `evolve` or a projection sees them.
 *
 * An upcaster for (type, version N) returns the same event at version N + 1 (it may rename the
 * type too, for a renamed event). Registering a new step is the only change needed when an
 * event's shape changes.
 */
export type Upcaster = (event: DomainEvent<string, JsonObject>) => DomainEvent<string, JsonObject>;

export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  constructor(private readonly currentVersions: Readonly<Record<string, number>> = CURRENT_EVENT_VERSIONS) {}

  /** Registers the step from `fromVersion` to `fromVersion + 1` of `type`. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const key = stepKey(type, fromVersion);
    if (this.steps.has(key)) throw new Error(`upcaster for ${type} v${fromVersion} registered twice`);
    this.steps.set(key, upcast);
    return this;
  }

  /** The event at its current version; events of unknown types pass through unchanged. */
  upcast<E extends DomainEvent<string, object>>(event: DomainEvent<string, object>): E {
    let current = event as DomainEvent<string, JsonObject>;
    for (let guard = 0; guard < 1000; guard++) {
      const target = this.currentVersions[current.type];
      if (target === undefined || current.version >= target) return current as unknown as E;
      const step = this.steps.get(stepKey(current.type, current.version));
      if (!step) throw new Error(`no upcaster for ${current.type} v${current.version} (current v${target})`);
      const next = step(current);
      if (next.type === current.type && next.version !== current.version + 1) {
        throw new Error(`upcaster for ${current.type} v${current.version} produced v${next.version}`);
      }
      current = next;
    }
    throw new Error(`upcasting ${event.type} v${event.version} did not terminate`);
  }
}

const stepKey = (type: string, version: number): string => `${type}@${version}`;

/**
 * The registry of the service's own events. Add a step here when a version is bumped in the
 * catalogue.
 */
export const upcasters = new UpcasterRegistry()
  // GroupMembersAdded v2: the member displays the client sent; none were kept before.
  .register('GroupMembersAdded', 1, (event) => ({ ...event, version: 2, data: { ...event.data, displays: {} } }));
