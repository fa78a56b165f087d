import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';
import { registerProcessFaultMetric } from '../bootstrap/process-faults';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerProcessFaultMetric(registry);
  return registry;
}

/**
 * The registry of a worker thread: its own metrics only. The process's metrics (CPU, memory,
 * event loop, faults) are the main thread's; the worker's text is appended to the main /metrics.
 */
export function createThreadMetricsRegistry(): Registry {
  return new Registry();
}

export function httpDurationHistogram(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  return new Histogram({
    name: 'scim_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
}
