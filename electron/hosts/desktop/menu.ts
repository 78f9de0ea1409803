// A short Spanish menu: quitting, the editing shortcuts (on macOS copy/paste only work when an
// Edit menu declares them) and zoom for the clerk's screen. Reload and developer tools only in
// development: a reload would lose a half-filled form.
import type { MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../common/paths';

export function applicationMenuTemplate(opts: { isPackaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: PRODUCT_NAME,
          submenu: [
            { role: 'about', label: `Acerca de ${PRODUCT_NAME}` },
            sep,
            { role: 'hide', label: `Ocultar ${PRODUCT_NAME}` },
            { role: 'quit', label: `Salir de ${PRODUCT_NAME}` },
          ],
        },
      ]
    : [];
  const devItems: MenuItemConstructorOptions[] = opts.isPackaged
    ? []
    : [sep, { role: 'reload', label: 'Recargar' }, { role: 'toggleDevTools', label: 'Herramientas de desarrollo' }];
  return [
    ...appMenu,
    { label: 'Archivo', submenu: [mac ? { role: 'close', label: 'Cerrar ventana' } : { role: 'quit', label: 'Salir' }] },
    {
      label: 'Edición',
      submenu: [
        { role: 'undo', label: 'Deshacer' },
        { role: 'redo', label: 'Rehacer' },
        sep,
        { role: 'cut', label: 'Cortar' },
        { role: 'copy', label: 'Copiar' },
        { role: 'paste', label: 'Pegar' },
        { role: 'selectAll', label: 'Seleccionar todo' },
      ],
    },
    {
      label: 'Ver',
      submenu: [
        { role: 'zoomIn', label: 'Acercar' },
        { role: 'zoomOut', label: 'Alejar' },
        { role: 'resetZoom', label: 'Tamaño normal' },
        sep,
        { role: 'togglefullscreen', label: 'Pantalla completa' },
        ...devItems,
      ],
    },
  ];
}
