import { startTestApp, type TestApp } from '../../support/app';

/** The all-in-one service, which serves the audit API and runs the audit projector. */
export function startAuditApp(): Promise<TestApp> {
  return startTestApp();
}
