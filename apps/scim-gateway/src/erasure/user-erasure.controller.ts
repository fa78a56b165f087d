import { Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PERSONAL_DATA_KEYS, type PgDataKeys } from '@lib/personal-data';
import { RequiresAuth } from '@lib/platform';
import { OperatorGuard } from '@lib/tenancy';
import { UserErasureService } from './user-erasure.service';

/** The operator's erasure of a person, and the data keys behind it (rotation of the key-encryption key). */
@ApiTags('Admin: personal data')
@Controller('admin')
@RequiresAuth('operator')
@UseGuards(OperatorGuard)
export class UserErasureController {
  constructor(
    private readonly erasure: UserErasureService,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PgDataKeys | null,
  ) {}

  @ApiOperation({
    summary:
      "Erase a user's personal data (right to erasure): deletes the user if still provisioned, " +
      'destroys its data key; ids, access intervals and roles stay in the audit',
  })
  @Post('tenants/:tenantId/users/:userId/erasure')
  @HttpCode(200)
  erase(@Param('tenantId') tenantId: string, @Param('userId') userId: string) {
    return this.erasure.erase(tenantId, userId);
  }

  @ApiOperation({ summary: 'Data keys per key-encryption key (live) and erased ones' })
  @Get('personal-data/keys')
  status() {
    return this.requireKeys().status();
  }

  @ApiOperation({ summary: 'After a rotation of the key-encryption key: rewrap every data key under the current one' })
  @Post('personal-data/keys/rewrap')
  @HttpCode(200)
  async rewrap() {
    const keys = this.requireKeys();
    const { rewrapped } = await keys.rewrap();
    return { rewrapped, ...(await keys.status()) };
  }

  private requireKeys(): PgDataKeys {
    if (!this.keys) throw new Error('personal-data encryption is off (PERSONAL_DATA_ENCRYPTION=off-for-benchmarks)');
    return this.keys;
  }
}
