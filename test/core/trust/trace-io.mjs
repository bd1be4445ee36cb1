// Loaded into the convsheet command with `node --import` by data-only.test.ts: records every file the
// command opens, reads, writes or looks at, and every network connection it tries, in the file named
// by CONVSHEET_TRACE, so that a test can show that a workbook makes the command read nothing else.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const log = process.env.CONVSHEET_TRACE ?? '';
/** @type {string[]} */
const seen = [];
const write = fs.writeFileSync;
// Written once at the end, with the function as it was: fs calls itself through the patched names.
process.on('exit', () => write(log, seen.join('\n')));

/**
 * @param {Record<string, unknown>} target
 * @param {string} owner
 * @param {string[]} names
 */
function trace(target, owner, names) {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (/** @type {unknown[]} */ ...args) {
      const first = args[0];
      const what = typeof first === 'string' || first instanceof URL ? String(first) : typeof first;
      seen.push(`${owner}.${name} ${what}`);
      return original.apply(this, args);
    };
  }
}

const files = [
  'readFileSync',
  'openSync',
  'statSync',
  'lstatSync',
  'existsSync',
  'readdirSync',
  'accessSync',
  'writeFileSync',
  'mkdirSync',
  'readFile',
  'open',
  'stat',
  'createReadStream',
  'createWriteStream',
  'writeFile',
];
trace(/** @type {any} */ (fs), 'fs', files);
trace(/** @type {any} */ (fs.promises), 'fs.promises', ['readFile', 'open', 'stat', 'writeFile', 'readdir']);
trace(/** @type {any} */ (net), 'net', ['connect', 'createConnection']);
trace(/** @type {any} */ (http), 'http', ['request', 'get']);
trace(/** @type {any} */ (https), 'https', ['request', 'get']);
trace(/** @type {any} */ (globalThis), 'global', ['fetch', 'WebSocket']);
syncBuiltinESMExports();
