import { ConfigurationError, validateEnvironment, type Environment } from '../config/environment';

/** Validated configuration, or one clear line per bad variable on stderr and exit code 2. */
export function loadEnvironmentOrExit(raw: NodeJS.ProcessEnv = process.env): Environment {
  try {
    return validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
      process.exit(2);
    }
    throw error;
  }
}
