import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of DESIGN.md, checked on every source file (biome's
 * noRestrictedImports says the same thing at edit time; this catches what a
 * lint override or a `require` could slip past):
 *
 * - only `electron/shell/` imports `electron`;
 * - `renderer/` imports neither db/, electron/, Node built-ins, better-sqlite3 nor kysely;
 * - `shared/` imports neither db/, electron/ nor renderer/;
 * - `db/` imports neither electron/ nor renderer/.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.cts', '.mts'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'tests', 'release', '.git', 'coverage']);
const SKIPPED_PATHS = new Set(['build/native']);
const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Every module specifier in a file: static and dynamic imports, re-exports, `require`, `import x = require`. */
function moduleSpecifiers(source: string, fileName = 'file.ts'): string[] {
  const info = ts.preProcessFile(source, true, true);
  const specifiers = info.importedFiles.map((file) => file.fileName);
  // preProcessFile finds `require('x')` only in JavaScript-ish positions; scan the AST too so none slip by.
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    node.forEachChild(visit);
  };
  visit(sourceFile);
  return [...new Set(specifiers)];
}

function scriptKind(fileName: string): ts.ScriptKind {
  return fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = join(directory, entry.name);
    const rel = toPosix(relative(ROOT, full));
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || SKIPPED_PATHS.has(rel)) continue;
      found.push(...sourceFiles(full));
    } else if (entry.isFile() && SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) {
      if (entry.name.endsWith('.d.ts')) continue;
      found.push(full);
    }
  }
  return found;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

/** The repo-relative top-level folder a relative specifier points into, or null for packages. */
function targetFolder(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = toPosix(relative(ROOT, resolve(dirname(fromFile), specifier.split('?')[0] ?? specifier)));
  if (target.startsWith('../')) return '..';
  return target.split('/')[0] ?? null;
}

interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

/** The layer rules for one file (`file` absolute, under ROOT). */
function violations(file: string, specifiers: readonly string[]): Violation[] {
  const rel = toPosix(relative(ROOT, file));
  const layer = rel.split('/')[0];
  const found: Violation[] = [];
  const flag = (specifier: string, rule: string) => found.push({ file: rel, specifier, rule });

  for (const specifier of specifiers) {
    const folder = targetFolder(file, specifier);
    if (isElectron(specifier) && !rel.startsWith('electron/shell/')) {
      flag(specifier, 'only electron/shell/ may import electron');
    }
    if (layer === 'renderer') {
      if (folder === 'db' || folder === 'electron') flag(specifier, `renderer/ must not import ${folder}/`);
      if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier)) {
        flag(specifier, 'renderer/ must not import Node built-ins');
      }
      if (/^better-sqlite3/.test(specifier) || specifier === 'kysely' || specifier.startsWith('kysely/')) {
        flag(specifier, 'renderer/ must not import the database driver or query builder');
      }
    }
    if (layer === 'shared' && (folder === 'db' || folder === 'electron' || folder === 'renderer')) {
      flag(specifier, `shared/ must not import ${folder}/`);
    }
    if (layer === 'db' && (folder === 'electron' || folder === 'renderer')) {
      flag(specifier, `db/ must not import ${folder}/`);
    }
  }
  return found;
}

const files = sourceFiles(ROOT);

function describeViolations(list: Violation[]): string {
  return list.map((v) => `${v.file}: '${v.specifier}' (${v.rule})`).join('\n');
}

describe('architecture: the scanner itself', () => {
  it('sees every form of import', () => {
    expect(moduleSpecifiers(`import x from 'electron';`)).toContain('electron');
    expect(moduleSpecifiers(`import { app } from "electron"\n`)).toContain('electron');
    expect(moduleSpecifiers(`import type { App } from 'electron';`)).toContain('electron');
    expect(moduleSpecifiers(`export { ipcMain } from 'electron';`)).toContain('electron');
    expect(moduleSpecifiers(`const e = require('electron');`)).toContain('electron');
    expect(moduleSpecifiers(`import e = require('electron');`, 'x.cts')).toContain('electron');
    expect(moduleSpecifiers(`const e = await import('electron');`)).toContain('electron');
    expect(moduleSpecifiers(`function f() { return require('electron'); }`)).toContain('electron');
    expect(moduleSpecifiers(`// import x from 'electron'\nconst s = "import x from 'electron'";`)).not.toContain(
      'electron',
    );
  });

  it('flags an electron import outside the shell, and the renderer reaching for db or node', () => {
    const fixture = `import x from 'electron';\nimport { readFile } from 'node:fs';`;
    expect(violations(join(ROOT, 'electron', 'services', 'x.ts'), moduleSpecifiers(fixture))).toHaveLength(1);
    expect(violations(join(ROOT, 'electron', 'shell', 'x.ts'), moduleSpecifiers(fixture))).toHaveLength(0);
    const renderer = violations(
      join(ROOT, 'renderer', 'src', 'x.tsx'),
      moduleSpecifiers(
        `${fixture}\nimport '../../db/vault.js';\nimport '../../electron/app.js';\nimport 'fs';\nimport 'kysely';\nimport 'better-sqlite3-multiple-ciphers';`,
        'x.tsx',
      ),
    );
    expect(renderer.map((v) => v.specifier).sort()).toEqual(
      [
        '../../db/vault.js',
        '../../electron/app.js',
        'better-sqlite3-multiple-ciphers',
        'electron',
        'fs',
        'kysely',
        'node:fs',
      ].sort(),
    );
    expect(
      violations(join(ROOT, 'shared', 'x.ts'), [`../renderer/src/x.js`, `../db/vault.js`, './api/contract.js']),
    ).toHaveLength(2);
    expect(violations(join(ROOT, 'db', 'x.ts'), ['../electron/app.js', '../shared/api/errors.js'])).toHaveLength(1);
  });

  it('finds the repository sources, including the shell importing electron', () => {
    const relative = files.map((file) => toPosix(file.slice(ROOT.length + 1)));
    expect(relative).toContain('shared/api/contract.ts');
    expect(relative.some((file) => file.startsWith('tests/'))).toBe(false);
    expect(relative.some((file) => file.startsWith('node_modules/') || file.startsWith('dist/'))).toBe(false);
    const shellMain = files.find((file) => toPosix(file).endsWith('electron/shell/main.ts'));
    expect(shellMain).toBeDefined();
    expect(moduleSpecifiers(readFileSync(shellMain as string, 'utf8'))).toContain('electron');
  });
});

describe('architecture: the layer rules hold', () => {
  it('only electron/shell/ imports electron; renderer, shared and db keep to their layers', () => {
    const found = files.flatMap((file) => violations(file, moduleSpecifiers(readFileSync(file, 'utf8'), file)));
    expect(found, describeViolations(found)).toEqual([]);
  });
});
