import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { Public } from '../http/public.decorator';
import { METRICS_REGISTRY } from './metrics';

@ApiTags('Metrics')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @ApiOperation({ summary: 'Prometheus metrics' })
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
