import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  postgres?: string;
  postgresSettings?: Record<string, string>;
  kafka?: string;
  /** 1-minute load average at the start: other work on the machine shares the cores. */
  loadAverageAtStart: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function machineLine(m: Machine): string {
  const pg = m.postgres
    ? `, PostgreSQL ${m.postgres}${
        m.postgresSettings
          ? ` (${Object.entries(m.postgresSettings)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')})`
          : ''
      }`
    : '';
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}${pg}${
    m.kafka ? `, Kafka ${m.kafka}` : ''
  }; load average ${m.loadAverageAtStart}`;
}
