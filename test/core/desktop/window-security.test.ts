import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appFileFor, mimeTypeFor, responseHeaders } from '../../../src-main/app-protocol';
import { contentSecurityPolicy, createSecureWindow } from '../../../src-main/window-options';

/** Stands in for Electron's BrowserWindow and keeps what it was given. */
class RecordingWindow {
  static last: unknown;
  constructor(options: unknown) {
    RecordingWindow.last = options;
  }
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("the window follows Electron's security checklist", () => {
  it('passes exactly these web preferences to BrowserWindow', () => {
    createSecureWindow(RecordingWindow, {
      preload: '/app/out/preload/index.cjs',
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      title: 'ConvSheet - Untitled',
    });
    const options = RecordingWindow.last as {
      webPreferences: unknown;
      show: boolean;
      x: number;
      minWidth: number;
    };
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    // Shown once the page has painted, never as a white flash; placed where it was asked.
    expect(options).toMatchObject({ show: false, x: 10, y: 20, width: 1000, height: 700, minWidth: 640 });
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(contentSecurityPolicy);

  it("allows only the app's own scripts: no inline script, no eval, no remote code", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('shuts everything else: plugins, frames, base URL, forms, being framed; network only to the app itself', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it("has, by Google's CSP evaluator, no weakness except the note on 'self' in script-src", () => {
    const require = createRequire(require_resolve_base());
    const evaluator = require('@doyensec/csp-evaluator') as CspEvaluatorModule;
    const parsed = new evaluator.CspParser(contentSecurityPolicy).csp;
    const weak = [
      evaluator.severities.HIGH,
      evaluator.severities.MEDIUM,
      evaluator.severities.HIGH_MAYBE,
      evaluator.severities.MEDIUM_MAYBE,
    ];
    const notes = new evaluator.CspEvaluator(parsed, evaluator.Version.CSP3)
      .evaluate()
      .filter((f) => weak.includes(f.severity));
    expect(notes.map((f) => [f.directive, f.value])).toEqual([['script-src', "'self'"]]);
  });

  it('is sent as a header with every page and asset the app serves', () => {
    const headers = responseHeaders('/app/out/renderer/index.html');
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('the app:// protocol serves the built renderer and nothing else', () => {
  const root = join('/opt/ConvSheet/resources/app.asar/out/renderer');

  it('maps app URLs to files in the renderer folder', () => {
    expect(APP_ORIGIN).toBe('convsheet://app');
    expect(appFileFor('convsheet://app/index.html', root)).toBe(join(root, 'index.html'));
    expect(appFileFor('convsheet://app/', root)).toBe(join(root, 'index.html'));
    expect(appFileFor('convsheet://app/assets/index-Doa_n8w_.js?v=1#x', root)).toBe(
      join(root, 'assets/index-Doa_n8w_.js'),
    );
    expect(appFileFor('convsheet://app/assets/my%20map.png', root)).toBe(join(root, 'assets/my map.png'));
  });

  it('refuses traversal, encoded separators, other hosts and other schemes', () => {
    for (const url of [
      'convsheet://app/..%2f..%2f..%2fetc%2fpasswd',
      'convsheet://app/assets/..%5c..%5cwin.ini',
      'convsheet://app/%00index.html',
      'convsheet://app/%E0%A4%A',
      'convsheet://other/index.html',
      'file:///opt/ConvSheet/resources/app.asar/out/renderer/index.html',
      'not a url',
    ])
      expect(appFileFor(url, root), url).toBeNull();
    // The URL parser resolves dot segments (plain or %2e-encoded) itself: what is left stays inside.
    expect(appFileFor('convsheet://app/../../etc/passwd', root)).toBe(join(root, 'etc/passwd'));
    expect(appFileFor('convsheet://app/%2e%2e/%2e%2e/secret', root)).toBe(join(root, 'secret'));
  });

  it('labels each file type, and unknown ones as bytes', () => {
    expect(mimeTypeFor('a/index-x.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a/k.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('a/x.bin')).toBe('application/octet-stream');
  });
});

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (
    csp: unknown,
    version: unknown,
  ) => { evaluate(): { severity: number; directive: string; value: string }[] };
  Version: { CSP3: unknown };
  severities: Record<'HIGH' | 'MEDIUM' | 'HIGH_MAYBE' | 'MEDIUM_MAYBE', number>;
}

/** The evaluator is Electronegativity's dependency: resolve it from there, as `npm run security` does. */
function require_resolve_base(): string {
  return createRequire(import.meta.url).resolve('@doyensec/electronegativity');
}
