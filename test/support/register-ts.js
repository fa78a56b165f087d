// A require hook for child processes spawned by tests (crash and fault tests): compiles
// TypeScript on the fly with typescript.transpileModule and maps the @lib/* path aliases.
// Usage: node --require ./test/support/register-ts.js some-fixture.ts
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
const aliases = Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]);

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithAliases(request, ...rest) {
  for (const [alias, target] of aliases) {
    if (request === alias) return originalResolve.call(this, target, ...rest);
    if (request.startsWith(`${alias}/`)) return originalResolve.call(this, path.join(target, request.slice(alias.length + 1)), ...rest);
  }
  return originalResolve.call(this, request, ...rest);
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
