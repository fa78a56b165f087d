import { describeOutageTrials } from './outage-scenario';

jest.setTimeout(300_000);

describeOutageTrials(
  'stop',
  'PostgreSQL fast-stopped for 3 s and started again, 5 times, while creates run (durable ' +
    'PostgreSQL of the test, all-in-one service in a child process)',
);
