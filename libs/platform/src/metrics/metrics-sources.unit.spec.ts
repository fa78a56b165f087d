import { Gauge, Registry } from 'prom-client';
import { MetricsSources } from './metrics-sources';

/** A registry as a follower thread has one: a gauge per follower, told apart by a label. */
function threadRegistry(follower: string, position: number): Registry {
  const registry = new Registry();
  const gauge = new Gauge({
    name: 'scim_follower_position',
    help: 'position',
    labelNames: ['follower'],
    registers: [registry],
  });
  gauge.set({ follower }, position);
  return registry;
}

describe('MetricsSources', () => {
  it('declares a metric two sources both have once, with each source value under its labels', async () => {
    const sources = new MetricsSources();
    const projections = threadRegistry('scim_read_model_v2', 7);
    const publisher = threadRegistry('scim-integration-events', 5);
    sources.register('projections', () => projections.getMetricsAsJSON());
    sources.register('publisher', () => publisher.getMetricsAsJSON());
    const text = await sources.text();
    expect(text.match(/^# TYPE scim_follower_position gauge$/gm)).toHaveLength(1);
    expect(text).toMatch(/^scim_follower_position\{follower="scim_read_model_v2"\} 7$/m);
    expect(text).toMatch(/^scim_follower_position\{follower="scim-integration-events"\} 5$/m);
  });

  it('leaves out a source that fails, and the others are still served', async () => {
    const sources = new MetricsSources();
    const projections = threadRegistry('scim_read_model_v2', 7);
    sources.register('projections', () => projections.getMetricsAsJSON());
    sources.register('gone', () => Promise.reject(new Error('thread ended')));
    expect(await sources.text()).toMatch(/^scim_follower_position\{follower="scim_read_model_v2"\} 7$/m);
  });

  it('adds nothing when no source is registered', async () => {
    expect(await new MetricsSources().text()).toBe('');
  });
});
