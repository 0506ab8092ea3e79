/**
 * The engine must run unchanged in a browser, a worker and Node, and give the same output for the
 * same input: no Node or DOM APIs, no clock, no randomness, no time zone, third-party code only
 * from a short allow-list. This walks the import graph of every non-test .ts file under engine/
 * with the TypeScript parser (so comments and strings never count) and checks each file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = join(ROOT, 'engine');

const ALLOWED_PACKAGES = new Set(['zod', 'decimal.js', 'fast-xml-parser', 'xmlbuilder2', 'pdf-lib', '@pdf-lib/fontkit', 'qrcode', 'yaml']);

/** Globals of Node or the DOM, and ambient sources of time, randomness or I/O. */
const BANNED_GLOBALS = new Map<string, string>([
  ['window', 'DOM global'],
  ['document', 'DOM global'],
  ['navigator', 'DOM global'],
  ['location', 'DOM global'],
  ['localStorage', 'DOM storage'],
  ['sessionStorage', 'DOM storage'],
  ['indexedDB', 'DOM storage'],
  ['XMLHttpRequest', 'network I/O'],
  ['fetch', 'network I/O'],
  ['WebSocket', 'network I/O'],
  ['process', 'Node global'],
  ['Buffer', 'Node global'],
  ['global', 'Node global'],
  ['globalThis', 'ambient global object'],
  ['self', 'worker global'],
  ['require', 'CommonJS loader'],
  ['module', 'CommonJS module object'],
  ['__dirname', 'Node global'],
  ['__filename', 'Node global'],
  ['crypto', 'ambient randomness (inject a UuidSource)'],
  ['performance', 'ambient clock'],
  ['setTimeout', 'timer'],
  ['setInterval', 'timer'],
  ['setImmediate', 'timer'],
  ['requestAnimationFrame', 'timer'],
]);

/** Date methods that read or write local time, which depends on the machine's time zone. */
const LOCAL_TIME_METHODS = new Set([
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds', 'getTimezoneOffset',
  'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds', 'setMilliseconds',
  'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'toTimeString', 'toDateString',
]);

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

function engineFiles(dir = ENGINE): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...engineFiles(path));
    else if (name.endsWith('.ts') && !/\.(test|spec)\.ts$/.test(name)) out.push(path);
  }
  return out.sort();
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isBuiltin = (spec: string): boolean => spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(packageName(spec));

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The module specifiers a file imports: static, re-exports, dynamic import(), import types, require(). */
function specifiers(sf: ts.SourceFile): Array<{ spec: string | undefined; node: ts.Node; how: string }> {
  const out: Array<{ spec: string | undefined; node: ts.Node; how: string }> = [];
  const literal = (e: ts.Node | undefined) => (e && ts.isStringLiteralLike(e) ? e.text : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) out.push({ spec: literal(node.moduleSpecifier), node, how: ts.isImportDeclaration(node) ? 'import' : 'export … from' });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      out.push({ spec: literal(node.moduleReference.expression), node, how: 'import = require()' });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      out.push({ spec: literal(node.arguments[0]), node, how: 'import()' });
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      out.push({ spec: literal(node.arguments[0]), node, how: 'require()' });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      out.push({ spec: literal(node.argument.literal), node, how: 'import() type' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Names the file declares itself (variables, parameters, functions, classes, imports): not globals there. */
function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) addBinding(node.name);
    else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) names.add(node.name.text);
    else if (ts.isImportClause(node) && node.name) names.add(node.name.text);
    else if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) names.add(node.name.text);
    else if ((ts.isEnumDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isModuleDeclaration(node)) && ts.isIdentifier(node.name)) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Is this identifier a reference to a variable (not a property name, label, or declaration name)? */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (p as ts.PropertyAccessExpression).name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return false;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return false;
  if (ts.isExportSpecifier(p) && p.parent.parent.moduleSpecifier) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isJsxAttribute(p)) return false;
  return true;
}

function checkFile(file: string, sf: ts.SourceFile): Violation[] {
  const violations: Violation[] = [];
  const rel = relative(ROOT, file);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const add = (n: ts.Node, what: string) => violations.push({ file: rel, line: lineOf(n), what });
  const declared = declaredNames(sf);
  const free = (e: ts.Node, name: string) => ts.isIdentifier(e) && e.text === name && !declared.has(name);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && BANNED_GLOBALS.has(node.text) && !declared.has(node.text) && isReference(node)) {
      add(node, `uses \`${node.text}\` (${BANNED_GLOBALS.get(node.text)})`);
    }
    if (ts.isPropertyAccessExpression(node)) {
      if (free(node.expression, 'Date') && node.name.text === 'now') add(node, 'reads the clock with Date.now (take `now` from BuildOptions)');
      if (free(node.expression, 'Math') && node.name.text === 'random') add(node, 'uses Math.random (take a UuidSource)');
    }
    if (ts.isNewExpression(node) && free(node.expression, 'Date') && (!node.arguments || node.arguments.length === 0)) add(node, 'reads the clock with new Date()');
    if (ts.isCallExpression(node) && free(node.expression, 'Date')) add(node, 'reads the clock with Date()');
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && LOCAL_TIME_METHODS.has(node.expression.name.text)) {
      add(node, `calls .${node.expression.name.text}(), which depends on the time zone (use the getUTC… methods or ISO strings)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return violations;
}

interface Graph {
  readonly files: string[];
  readonly violations: Violation[];
  readonly externals: Map<string, string[]>;
}

let graph: Graph | undefined;
function walkGraph(): Graph {
  graph ??= walk();
  return graph;
}

function walk(): Graph {
  const queue = engineFiles();
  const seen = new Set<string>(queue);
  const violations: Violation[] = [];
  const externals = new Map<string, string[]>();
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const rel = relative(ROOT, file);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    violations.push(...checkFile(file, sf));
    for (const { spec, node, how } of specifiers(sf)) {
      const line = lineOf(node);
      if (spec === undefined) {
        violations.push({ file: rel, line, what: `${how} of a computed module name` });
      } else if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = resolveRelative(file, spec);
        if (!target) violations.push({ file: rel, line, what: `${how} '${spec}' does not resolve to a file` });
        else if (!(target + sep).startsWith(ENGINE + sep) || target === ENGINE) violations.push({ file: rel, line, what: `${how} '${spec}' leaves engine/ (${relative(ROOT, target)})` });
        else if (/\.(test|spec)\.ts$/.test(target)) violations.push({ file: rel, line, what: `${how} '${spec}' is a test file` });
        else if (target.endsWith('.ts') && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      } else if (isBuiltin(spec)) {
        violations.push({ file: rel, line, what: `${how} '${spec}' is a Node builtin` });
      } else {
        const pkg = packageName(spec);
        externals.set(pkg, [...(externals.get(pkg) ?? []), rel]);
        if (!ALLOWED_PACKAGES.has(pkg)) violations.push({ file: rel, line, what: `${how} '${spec}': package '${pkg}' is not on the allow-list` });
      }
    }
  }
  return { files: queue, violations, externals };
}

const format = (vs: readonly Violation[]) => vs.map((v) => `${v.file}:${v.line}: ${v.what}`).join('\n');

describe('engine purity', () => {
  it('imports no Node builtins, only allow-listed packages, nothing outside engine/', () => {
    const { files, violations } = walkGraph();
    expect(files.length).toBeGreaterThan(10);
    expect(format(violations.filter((v) => /import|export|require/.test(v.what))), 'import violations').toBe('');
  });

  it('touches no DOM or Node globals, clock, randomness or time zone', () => {
    const { violations } = walkGraph();
    expect(format(violations.filter((v) => !/import|export|require/.test(v.what))), 'global violations').toBe('');
  });

  it('the checker catches what it should (and not comments, strings or property names)', () => {
    const src = `
      import fs from 'node:fs';
      import { x } from 'path';
      export * from 'lodash/fp';
      const m = await import('./nope.ts');
      type T = import('crypto').Hash;
      // window.alert(Date.now()) in a comment
      const s = 'process.env and new Date() in a string';
      const t = \`template \${document.title} with Math.random()\`;
      const o = { window: 1, fetch: 2 };
      o.window; o.fetch;
      const a = Date.now(); const b = Math.random(); const c = new Date(); const d = new Date('2024-01-01'); const e = Date();
      process.exit(); Buffer.from(''); crypto.randomUUID(); performance.now(); setTimeout(() => 0);
      new Date(0).getHours(); new Date(0).getUTCHours();
      function f(localStorage: string) { return localStorage; }
    `;
    const file = join(ENGINE, 'fake.ts');
    const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const specs = specifiers(sf).map((s) => `${s.how} ${s.spec}`);
    expect(specs).toEqual(["import node:fs", 'import path', 'export … from lodash/fp', 'import() ./nope.ts', 'import() type crypto']);
    expect(isBuiltin('node:fs') && isBuiltin('path') && isBuiltin('crypto') && !isBuiltin('zod')).toBe(true);
    expect(packageName('@pdf-lib/fontkit/dist/x')).toBe('@pdf-lib/fontkit');
    const found = checkFile(file, sf).map((v) => v.what.split(' (')[0]);
    expect(found).toEqual([
      'uses `document`',
      'reads the clock with Date.now',
      'uses Math.random',
      'reads the clock with new Date()',
      'reads the clock with Date()',
      'uses `process`',
      'uses `Buffer`',
      'uses `crypto`',
      'uses `performance`',
      'uses `setTimeout`',
      'calls .getHours(), which depends on the time zone',
    ]);
  });

  it('engine/tsconfig.json has no DOM lib and no ambient types', () => {
    const path = join(ENGINE, 'tsconfig.json');
    const raw = ts.readConfigFile(path, ts.sys.readFile);
    expect(raw.error).toBeUndefined();
    const own = raw.config.compilerOptions ?? {};
    expect(own.types).toEqual([]);
    expect(Array.isArray(own.lib)).toBe(true);
    const parsed = ts.parseJsonConfigFileContent(raw.config, ts.sys, ENGINE);
    expect(parsed.options.types).toEqual([]);
    const libs = parsed.options.lib ?? [];
    expect(libs.length).toBeGreaterThan(0); // without `lib`, TypeScript would add the DOM
    for (const lib of libs) expect(lib.toLowerCase()).not.toMatch(/dom|webworker|scripthost/);
  });

  it('type-checks on its own (npx tsc -p engine/tsconfig.json)', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(ENGINE, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    expect(r.error).toBeUndefined();
    expect(`${r.stdout}${r.stderr}`.trim(), 'tsc errors').toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
