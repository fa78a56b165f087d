import { describeOutageTrials } from './outage-scenario';

jest.setTimeout(300_000);

describeOutageTrials(
  'kill',
  'PostgreSQL SIGKILLed under a create load and started again, 5 times, the all-in-one service ' +
    'running its followers in worker threads (ALL_IN_ONE_FOLLOWERS=worker-threads; durable PostgreSQL ' +
    'of the test, service in a child process)',
  { ALL_IN_ONE_FOLLOWERS: 'worker-threads' },
);
