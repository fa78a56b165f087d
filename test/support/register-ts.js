// A require hook for child processes spawned by tests (crash and fault tests): compiles
// TypeScript on the fly with typescript.transpileModule and maps the @lib/* path aliases.
// Usage: node --require ./test/support/register-ts.js some-fixture.ts
// Compiled output is cached by content hash in the temp directory, so the many child processes
// of the fault tests (each loading the whole service) start in seconds, not tens of seconds.
const Module = require('node:module');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
let ts;

const root = path.resolve(__dirname, '..', '..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
const aliases = Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
  alias,
  path.join(root, target),
]);

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithAliases(request, ...rest) {
  for (const [alias, target] of aliases) {
    if (request === alias) return originalResolve.call(this, target, ...rest);
    if (request.startsWith(`${alias}/`))
      return originalResolve.call(this, path.join(target, request.slice(alias.length + 1)), ...rest);
  }
  return originalResolve.call(this, request, ...rest);
};

const compilerOptions = {
  module: 'CommonJS',
  target: 'ES2022',
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};
const cacheDir = path.join(os.tmpdir(), 'scim-register-ts-cache');
fs.mkdirSync(cacheDir, { recursive: true });
const cacheSalt = `${require('typescript/package.json').version}:${JSON.stringify(compilerOptions)}`;

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const digest = crypto
    .createHash('sha1')
    .update(cacheSalt)
    .update('\0')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(cacheDir, `${digest}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    outputText = transpile(source, filename);
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, outputText);
    fs.renameSync(temporary, cached);
  }
  module._compile(outputText, filename);
};

function transpile(source, filename) {
  ts ??= require('typescript');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { ...compilerOptions, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  return outputText;
}
