// Child entry for tests: the browser host's own composition (electron/hosts/web/main.ts
// serveDesk) over a given data directory and a static folder of the test's making, in a process
// of its own, so a test can tell whether an input ended the process. Its background services
// stay paused: nothing but the test's requests touches the database.
import { parseArgs } from 'node:util';
import { consoleLogger } from '../../electron/hosts/common/log';
import { serveDesk } from '../../electron/hosts/web/main';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'static-dir': { type: 'string' } } });
const desk = await serveDesk({ dataDir: values['data-dir']!, staticDir: values['static-dir']!, port: 0, log: consoleLogger('web'), servicesPaused: true });
console.log(`listening ${desk.url}`);
process.on('SIGTERM', () => void desk.stop().then(() => process.exit(0)));
