// Serves the built renderer (dist/renderer) on app://ventanilla/, with the browser host's own
// static-file rule, MIME table and headers (electron/hosts/common/static-files.ts); only our
// exact origin is answered.
import { createStaticHandler, plainAnswer, resolveStaticPath, type ReadFile, type StaticAnswer } from '../common/static-files';
import { isAppUrl } from './origin';

/** The part of a Request the handler reads; Electron's GlobalRequest satisfies it. */
export interface AppRequest {
  url: string;
  method: string;
}

/** The URL's path when it is on our origin, else null. */
function appPath(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  return isAppUrl(url) ? url.pathname : null;
}

/**
 * The absolute file a request asks for, or null when it names something outside `root`
 * (or is not on our origin at all).
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  const pathname = appPath(requestUrl);
  if (pathname === null) return null;
  const resolved = resolveStaticPath(root, pathname);
  return 'file' in resolved ? resolved.file : null;
}

export function createAppProtocolHandler(rendererDir: string, readFile?: ReadFile): (request: AppRequest) => Promise<Response> {
  const serve = createStaticHandler(rendererDir, readFile);
  return async (request) => {
    const pathname = appPath(request.url);
    return toResponse(pathname === null ? plainAnswer(404, 'No encontrado.') : await serve(pathname, request.method));
  };
}

const toResponse = (a: StaticAnswer): Response =>
  new Response(a.body === null ? null : typeof a.body === 'string' ? a.body : Buffer.from(a.body), { status: a.status, headers: a.headers });
