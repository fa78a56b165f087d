import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidValueError } from '@lib/scim';

/**
 * Admin DTO validation: unknown properties are refused, and a failure is a 400 SCIM error body
 * (scimType invalidValue) whose detail names every bad field.
 */
export const adminValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors: ValidationError[]) =>
    new InvalidValueError('SCIM-fwHc', `Invalid request: ${describe(errors).join('; ')}`),
});

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.includes('should not exist') ? `${path} is not a known field` : message,
    );
    return [...own, ...describe(error.children ?? [], path)];
  });
}
