import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** Runs the project's real ESLint configuration on a snippet, in a child process (ESLint loads its config as ESM). */
async function lint(code: string, file: string): Promise<string[]> {
  const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const run = spawnSync(
    process.execPath,
    [eslintBin, '--stdin', '--stdin-filename', join(root, file), '--format', 'json'],
    {
      cwd: root,
      input: code,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture rule: the domain and SCIM libraries stay pure', () => {
  it.each([
    ['libs/domain/src/user/bad.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
    ['libs/domain/src/user/bad.ts', "import { Pool } from 'pg';\nexport const x = Pool;\n"],
    ['libs/scim/src/filter/bad.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n"],
    ['libs/scim/src/filter/bad.ts', "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n"],
    [
      'libs/domain/src/user/bad.ts',
      "import { PostgresEventStore } from '@lib/event-store';\nexport const x = PostgresEventStore;\n",
    ],
    ['libs/scim/src/filter/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ])('rejects a deliberate bad import in %s', async (file, code) => {
    expect(await lint(code, file)).not.toHaveLength(0);
  });

  it('allows the domain to use the SCIM library, and infrastructure to use anything', async () => {
    expect(
      await lint("import { ScimError } from '@lib/scim';\nexport const x = ScimError;\n", 'libs/domain/src/user/ok.ts'),
    ).toHaveLength(0);
    expect(
      await lint("import { Pool } from 'pg';\nexport const x = Pool;\n", 'libs/read-model/src/ok.ts'),
    ).toHaveLength(0);
  });
});
