// `npm run security`: Electronegativity over the desktop app's sources, failing on any finding.
//
// Electronegativity's command line always exits 0 and prints parse errors as mere warnings, so it is
// run through its API here: a finding or a file it could not parse fails the run. It scans one folder,
// so the main process's sources and the renderer's page (whose <meta> CSP it evaluates) are copied into
// one temporary folder first. The Electron version comes from the installed package, because the
// defaults it judges against (nodeIntegration, sandbox, ...) changed across versions.
//
// One check is left out: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from
// GitHub (with no timeout) to ask whether a newer patch release exists. That is a question about the
// installed version, not about this code, and CI machines here have no access to GitHub. A finding
// that remains justified is suppressed where it occurs, with an `eng-disable` comment giving the reason.
//
// One finding is judged here instead, because it sits in the renderer's index.html: Google's CSP
// evaluator marks `script-src 'self'` as "possibly weak" (a site's own origin may host JSONP endpoints
// or user uploads). The app's origin is convsheet://app, which serves the built renderer files and
// nothing else (src-main/app-protocol.ts), so that note does not apply. The policy is re-evaluated
// here and accepted only when that note is its sole weakness: any other one still fails the run.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {{ name: string }} Level
 * @typedef {{ id: string, file: string, location: { line: number }, severity: Level, confidence: Level,
 *   description: string, sample?: string }} Finding
 * @typedef {{ issues: Finding[], errors: { file: string, message: string, tolerable: boolean }[],
 *   atomicChecks: number, globalChecks: number }} ScanResult
 * @typedef {{ severity: number, directive: string, value: string }} CspNote
 * @typedef {{ CspParser: new (policy: string) => { csp: unknown },
 *   CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspNote[] },
 *   Version: { CSP3: unknown }, severities: Record<string, number> }} CspEvaluatorModule
 */

// Neither package ships types; the shapes used here are declared above.
const load = createRequire(import.meta.url);
/** @type {(options: object) => Promise<ScanResult>} */
const run = load('@doyensec/electronegativity');
/** @type {CspEvaluatorModule} */
const csp = createRequire(load.resolve('@doyensec/electronegativity'))('@doyensec/csp-evaluator');
/** @type {string} */
const electronVersion = JSON.parse(readFileSync(load.resolve('electron/package.json'), 'utf8')).version;
/** @type {string} */
const scannerVersion = JSON.parse(
  readFileSync(load.resolve('@doyensec/electronegativity/package.json'), 'utf8'),
).version;

const root = join(import.meta.dirname, '..');
const staging = mkdtempSync(join(tmpdir(), 'convsheet-security-'));
let failed = false;
try {
  for (const name of readdirSync(join(root, 'src-main'))) {
    if (name.endsWith('.ts')) cpSync(join(root, 'src-main', name), join(staging, 'src-main', name));
  }
  cpSync(join(root, 'src-renderer/index.html'), join(staging, 'src-renderer/index.html'));

  const result = await run({
    input: staging,
    electronVersionOverride: electronVersion,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
    parserPlugins: [],
  });

  for (const error of result.errors) {
    console.log(`could not parse ${error.file.replace(staging, '')}: ${error.message}`);
    if (!error.tolerable) failed = true;
  }
  const findings = result.issues.filter((issue) => !onlySelfScriptNote(issue));
  for (const issue of result.issues.filter((i) => !findings.includes(i)))
    console.log(
      `accepted: ${issue.id} ${issue.file}:${issue.location.line}: only the script-src 'self' note`,
    );
  for (const issue of findings) {
    console.log(
      `${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${issue.file}:${issue.location.line}: ${issue.description}`,
    );
    if (issue.sample) console.log(`    ${issue.sample}`);
    failed = true;
  }
  const files = readdirSync(join(staging, 'src-main')).length + 1;
  console.log(
    `Electronegativity ${scannerVersion}, Electron ${electronVersion}: ` +
      `${result.atomicChecks + result.globalChecks} checks over ${files} files, ` +
      `${findings.length} findings, ${result.errors.length} parse problems.`,
  );
} finally {
  rmSync(staging, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/**
 * Whether a CSP finding's only weakness is the evaluator's note about 'self' in script-src.
 * @param {Finding} issue
 */
function onlySelfScriptNote(issue) {
  if (issue.id !== 'CSP_GLOBAL_CHECK' || typeof issue.sample !== 'string') return false;
  const weak = [
    csp.severities.HIGH,
    csp.severities.MEDIUM,
    csp.severities.HIGH_MAYBE,
    csp.severities.MEDIUM_MAYBE,
  ];
  const parsed = new csp.CspParser(issue.sample).csp;
  const notes = new csp.CspEvaluator(parsed, csp.Version.CSP3)
    .evaluate()
    .filter((f) => weak.includes(f.severity));
  return notes.length > 0 && notes.every((f) => f.directive === 'script-src' && f.value === "'self'");
}
