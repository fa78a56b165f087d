import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/*
 * Every thrown SCIM error carries a greppable site id ('SCIM-' and four letters or digits) and
 * every domain error a site; each id names one place in the code base. This reads the sources of
 * libs/ and apps/ (not the specs) and follows a site handed to a helper to the helper's callers.
 */

const root = join(__dirname, '..', '..', '..', '..');
const SCIM_SITE = /^SCIM-[A-Za-z0-9]{4}$/;

interface Source {
  file: string;
  tree: ts.SourceFile;
}

/** Where the site goes in a construction: SCIM errors take it first, a DomainError third. */
interface Site {
  argument: ts.Expression | undefined;
  kind: 'scim' | 'domain';
  where: string;
}

function sources(): Source[] {
  const files = ['libs', 'apps'].flatMap((folder) => walk(join(root, folder)));
  return files.map((file) => ({
    file: relative(root, file),
    tree: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  }));
}

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : walk(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

function nodes(tree: ts.SourceFile): ts.Node[] {
  const all: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    all.push(node);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return all;
}

/** ScimError and every class that extends it (also through the RFC cases' class factories). */
function scimErrorClasses(all: Source[]): Set<string> {
  const classes = new Set(['ScimError']);
  const heritage = all.flatMap(({ tree }) =>
    nodes(tree)
      .filter((node): node is ts.ClassDeclaration => ts.isClassDeclaration(node) && node.name !== undefined)
      .map((node) => ({ name: node.name!.text, base: node.heritageClauses?.[0]?.types[0]?.expression })),
  );
  for (let grown = true; grown; ) {
    grown = false;
    for (const { name, base } of heritage) {
      const baseName = base && ts.isCallExpression(base) ? base.expression.getText() : base?.getText();
      const isScim = baseName !== undefined && (classes.has(baseName) || /^scimCase/.test(baseName));
      if (isScim && !classes.has(name)) grown = classes.add(name).size > 0;
    }
  }
  return classes;
}

function constructions(all: Source[], scimClasses: Set<string>): Site[] {
  return all.flatMap(({ file, tree }) =>
    nodes(tree)
      .filter((node): node is ts.NewExpression => ts.isNewExpression(node) && ts.isIdentifier(node.expression))
      .flatMap((node): Site[] => {
        const name = node.expression.getText();
        const where = whereOf({ file, tree }, node);
        if (name === 'DomainError') return [{ argument: node.arguments?.[2], kind: 'domain', where }];
        if (scimClasses.has(name)) return [{ argument: node.arguments?.[0], kind: 'scim', where }];
        return [];
      }),
  );
}

/** The function a parameter belongs to, and its position, when a site is handed on. */
function forwardedParameter(argument: ts.Identifier): { name: string; index: number } | undefined {
  for (let node: ts.Node | undefined = argument.parent; node; node = node.parent) {
    if (!ts.isFunctionDeclaration(node) && !ts.isMethodDeclaration(node)) continue;
    const index = node.parameters.findIndex((p) => p.name.getText() === argument.text);
    return index >= 0 && node.name ? { name: node.name.getText(), index } : undefined;
  }
  return undefined;
}

/** A site handed on as is (`site`) or with a suffix (`${site}.id`): the parameter and the suffix. */
function handedOn(argument: ts.Expression): { parameter: ts.Identifier; suffix: string } | undefined {
  if (ts.isIdentifier(argument)) return { parameter: argument, suffix: '' };
  const [span, ...more] = ts.isTemplateExpression(argument) ? argument.templateSpans : [];
  if (!span || more.length > 0 || argument.getText().indexOf('${') !== 1 || !ts.isIdentifier(span.expression))
    return undefined;
  return { parameter: span.expression, suffix: span.literal.text };
}

/** Whether `caller` calls the function `name` declared in `declaring` (its own file, or imported from there). */
function callsInto(caller: Source, name: string, declaring: string): boolean {
  if (caller.file === declaring) return true;
  if (declaresFunction(caller.tree, name)) return false;
  return caller.tree.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement)) return false;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || !bindings.elements.some((e) => e.name.text === name)) return false;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const target = specifier.startsWith('@lib/')
      ? join('libs', specifier.slice('@lib/'.length))
      : join(dirname(caller.file), specifier);
    return declaring === `${target}.ts` || declaring.startsWith(`${target}/`);
  });
}

function declaresFunction(tree: ts.SourceFile, name: string): boolean {
  return tree.statements.some((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === name);
}

interface Pending extends Site {
  suffix: string;
}

/** The site literals of every construction; a site that is a helper's parameter is looked up at its callers. */
function siteLiterals(all: Source[]): { literals: Array<Site & { id: string }>; missing: string[] } {
  const literals: Array<Site & { id: string }> = [];
  const missing: string[] = [];
  const calls = all.flatMap((source) =>
    nodes(source.tree)
      .filter((node): node is ts.CallExpression => ts.isCallExpression(node))
      .map((node) => ({ node, source, where: whereOf(source, node) })),
  );
  const pending: Pending[] = constructions(all, scimErrorClasses(all)).map((site) => ({ ...site, suffix: '' }));
  for (let site = pending.shift(); site; site = pending.shift()) {
    const { argument, kind, where, suffix } = site;
    const handed = argument && handedOn(argument);
    const parameter = handed && forwardedParameter(handed.parameter);
    if (argument && ts.isStringLiteral(argument)) literals.push({ ...site, id: argument.text + suffix });
    else if (argument && ts.isConditionalExpression(argument))
      pending.push({ ...site, argument: argument.whenTrue }, { ...site, argument: argument.whenFalse });
    else if (argument && ts.isPropertyAccessExpression(argument) && argument.name.text === 'site') continue;
    else if (handed && parameter) {
      const declaring = where.slice(0, where.lastIndexOf(':'));
      const callers = calls.filter(
        ({ node, source }) =>
          node.expression.getText().split('.').pop() === parameter.name && callsInto(source, parameter.name, declaring),
      );
      if (callers.length === 0) missing.push(`${where} (its site is a parameter of ${parameter.name}, called nowhere)`);
      for (const caller of callers)
        pending.push({
          argument: caller.node.arguments[parameter.index],
          kind,
          where: caller.where,
          suffix: handed.suffix + suffix,
        });
    } else missing.push(where);
  }
  return { literals, missing };
}

function whereOf(source: Source, node: ts.Node): string {
  return `${source.file}:${source.tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

describe('error site ids', () => {
  const { literals, missing } = siteLiterals(sources());

  it('finds the throw sites it checks', () => {
    expect(literals.filter((site) => site.kind === 'scim').length).toBeGreaterThan(100);
    expect(literals.filter((site) => site.kind === 'domain').length).toBeGreaterThan(30);
  });

  it('every SCIM and domain error is constructed with a site id', () => {
    expect(missing).toEqual([]);
  });

  it('SCIM error ids have the form SCIM-xxxx', () => {
    const malformed = literals.filter((site) => site.kind === 'scim' && !SCIM_SITE.test(site.id));
    expect(malformed.map((site) => `${site.where} ${site.id}`)).toEqual([]);
  });

  it('no two places share a site id', () => {
    const places = new Map<string, Set<string>>();
    for (const { id, where } of literals) places.set(id, (places.get(id) ?? new Set()).add(where));
    const shared = [...places]
      .filter(([, where]) => where.size > 1)
      .map(([id, where]) => `${id}: ${[...where].join(', ')}`);
    expect(shared).toEqual([]);
  });
});
