// A plain application menu. Electron's default one has a Help menu that opens web pages in
// the system browser; the admin app opens nothing outside itself.
import { Menu } from 'electron';

export function installApplicationMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]),
  );
}
