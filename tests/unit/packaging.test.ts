import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { loadConfigFromFile } from 'vite';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/build.js';
import { tempDirectoryFactory } from '../support/temp.js';

/**
 * The installer's build settings, read and checked by electron-builder's own code
 * (the Electron binary cannot be fetched here, so the package itself is not built).
 */

const tempDirectory = tempDirectoryFactory();
// electron-builder's own configuration loader, schema check and file matcher.
const builder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = builder('app-builder-lib/out/util/config/config.js');
const { getFileMatchers } = builder('app-builder-lib/out/fileMatcher.js');
const { DebugLogger } = builder('builder-util');

async function packagingConfig(): Promise<{ electronFuses?: Record<string, boolean> }> {
  const config = await getConfig(ROOT, join(ROOT, 'build', 'electron-builder.yml'), null);
  // Rejects unknown keys, so a misspelt fuse cannot pass unnoticed.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('the packaged app', () => {
  it("sets Electron's fuses: no running as Node, no NODE_OPTIONS, no --inspect, code only from the checked asar", async () => {
    const config = await packagingConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('leaves source maps out of the package, even stale ones in dist/', async () => {
    const config = await packagingConfig();
    const project = tempDirectory();
    const paths = [
      'dist/electron/shell/main.js',
      'dist/electron/shell/main.js.map',
      'dist/renderer/assets/index-1a2b3c.js',
      'dist/renderer/assets/index-1a2b3c.js.map',
    ];
    for (const path of paths) {
      mkdirSync(join(project, dirname(path)), { recursive: true });
      writeFileSync(join(project, path), '');
    }
    const [matcher, ...others] = getFileMatchers(config, 'files', '/app', {
      macroExpander: (pattern: string) => pattern,
      customBuildOptions: {},
      globalOutDir: join(project, 'release'),
      defaultSrc: project,
    });
    expect(others).toEqual([]);
    const included = matcher.createFilter();
    const packaged = paths.filter((path) => included(join(project, path), statSync(join(project, path))));
    expect(packaged).toEqual(['dist/electron/shell/main.js', 'dist/renderer/assets/index-1a2b3c.js']);
  });

  it('is built without source maps by tsc and vite', async () => {
    const read = ts.readConfigFile(join(ROOT, 'tsconfig.node.json'), ts.sys.readFile);
    const node = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT).options;
    expect([node.sourceMap, node.inlineSourceMap, node.declarationMap].filter(Boolean)).toEqual([]);
    const loaded = await loadConfigFromFile(
      { command: 'build', mode: 'production' },
      join(ROOT, 'vite.config.ts'),
      ROOT,
      'silent',
    );
    expect(loaded?.config.build?.sourcemap ?? false).toBe(false);
  });
});
