import { describeOutageTrials } from './outage-scenario';

jest.setTimeout(300_000);

describeOutageTrials(
  'kill',
  'PostgreSQL SIGKILLed under a create load and started again, 5 times (durable PostgreSQL ' +
    'of the test, all-in-one service in a child process)',
);
