/**
 * The app's pages are served from its own `convsheet://app/` origin rather than `file://`, as
 * Electron's security checklist advises: a `file://` page may read any local file the user can, and
 * its origin is shared with every other local file, so "comes from the app's page" could not be
 * checked. Here each response is a file from the built renderer folder and nothing else, with the
 * Content-Security-Policy as a real header.
 */
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { contentSecurityPolicy } from './window-options';

export const APP_SCHEME = 'convsheet';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The file inside `root` that a request URL names, or null when the URL is not the app's or would
 * reach outside `root` (`..`, encoded separators, another host).
 */
export function appFileFor(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // The URL parser already resolved literal dot segments; any left were encoded, so someone meant them.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const relativePath = normalize(path === '/' ? '/index.html' : path).replace(/^[/\\]+/, '');
  const file = join(root, relativePath);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every page and asset the app serves. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(file),
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
