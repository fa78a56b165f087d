import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { RequiresAuth } from '../auth/auth-scheme.decorator';
import { ScimContentTypeInterceptor } from './scim-content-type.interceptor';

/**
 * A SCIM endpoint: authenticated by the tenant's SCIM credential, answered as
 * application/scim+json. The SCIM guards are applied globally by scheme (see ScimAuthGate).
 */
export const ScimEndpoint = () => applyDecorators(RequiresAuth('scim'), UseInterceptors(ScimContentTypeInterceptor));
