import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { Public } from '../http/public.decorator';
import { METRICS_REGISTRY } from './metrics';
import { MetricsSources } from './metrics-sources';

@ApiTags('Metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(MetricsSources) private readonly sources: MetricsSources,
  ) {}

  @ApiOperation({ summary: 'Prometheus metrics' })
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const [own, others] = await Promise.all([this.registry.metrics(), this.sources.text()]);
    return [own, others]
      .filter(Boolean)
      .map((text) => (text.endsWith('\n') ? text : `${text}\n`))
      .join('');
  }
}
