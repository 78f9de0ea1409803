import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesktopArgs } from '../../../electron/hosts/desktop/args';
import { applicationMenuTemplate } from '../../../electron/hosts/desktop/menu';
import { isAppUrl } from '../../../electron/hosts/desktop/origin';
import { migrationsDir, rendererDir } from '../../../electron/hosts/desktop/paths';
import type { MenuItemConstructorOptions } from 'electron';

describe('isAppUrl', () => {
  it.each(['app://ventanilla/', 'app://ventanilla/index.html', 'app://ventanilla/a/b?c=1#d'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });
  it.each([
    'app://ventanilla.evil/',
    'app://ventanilla@evil/',
    'app://evil@ventanilla/',
    'app://user:pass@ventanilla/',
    'app://ventanilla:443/',
    'app://evilventanilla/',
    'https://ventanilla/',
    'app:ventanilla/',
    'app:///ventanilla/',
    '',
    'ventanilla',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('parseDesktopArgs', () => {
  it('finds --data-dir among Electron and Chromium arguments', () => {
    expect(parseDesktopArgs(['/bin/electron', '.', '--no-sandbox', '--data-dir', 'd'], '/home/x').dataDir).toBe(path.resolve('/home/x', 'd'));
    expect(parseDesktopArgs(['/bin/app', '--data-dir=/srv/vp'], '/').dataDir).toBe(path.resolve('/srv/vp'));
    expect(parseDesktopArgs(['/bin/app', '--inspect=9229'], '/').dataDir).toBeNull();
  });
  it('refuses --data-dir without a folder', () => {
    expect(() => parseDesktopArgs(['/bin/app', '--data-dir'], '/')).toThrow(/requiere una carpeta/);
  });
});

describe('paths', () => {
  it('ships migrations as real files next to app.asar when packaged, from the source tree otherwise', () => {
    const packaged = { isPackaged: true, appPath: '/opt/vp/resources/app.asar', resourcesPath: '/opt/vp/resources' };
    expect(migrationsDir(packaged)).toBe(path.join('/opt/vp/resources', 'migrations'));
    expect(migrationsDir({ ...packaged, isPackaged: false, appPath: '/repo' })).toBe(path.join('/repo', 'db', 'migrations'));
    expect(rendererDir({ ...packaged, isPackaged: false, appPath: '/repo' })).toBe(path.join('/repo', 'dist', 'renderer'));
  });
});

describe('application menu', () => {
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);

  it('labels every item in Spanish and hides developer tools when packaged', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const items = flatten(applicationMenuTemplate({ isPackaged: true, platform }));
      for (const item of items.filter((i) => i.type !== 'separator')) expect(item.label, JSON.stringify(item)).toBeTruthy();
      expect(items.map((i) => i.role)).not.toContain('toggleDevTools');
      expect(items.map((i) => i.role)).not.toContain('reload');
    }
    const dev = flatten(applicationMenuTemplate({ isPackaged: false, platform: 'linux' }));
    expect(dev.map((i) => i.role)).toContain('toggleDevTools');
  });
});
