/// The program that runs a Node.js handler the way Lambda's Node.js runtime does, kept warm
/// between invocations.
///
/// Same line protocol as ``PythonBootstrap``: requests on stdin, replies on stdout, the
/// handler's console output framed as `{"type":"log"}` lines (with Lambda's
/// `TIMESTAMP\tREQUEST_ID\tLEVEL\tmessage` prefix). Lambda's Node.js runtimes ship the AWS SDK
/// for JavaScript v3; here `@aws-sdk/*` (and any other bare import the code's own
/// `node_modules` lacks) is looked up in the folders of `STEPWISE_NODE_MODULES_PATHS`:
/// through `NODE_PATH` for `require`, through a `module.register` resolve hook for `import`.
/// A package found nowhere is named in the error, with where it was looked for.
enum NodeBootstrap {
    static let fileName = "stepwise_bootstrap.cjs"

    static let source = #"""
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');
const nodeModule = require('module');

const folders = (process.env.STEPWISE_NODE_MODULES_PATHS || '').split(path.delimiter).filter(Boolean);
const rawWrite = process.stdout.write.bind(process.stdout);
const send = (obj) => rawWrite(JSON.stringify(obj) + '\n');
let currentRequestId = '';
let pending = '';

function frameWrite(chunk, encoding, callback) {
  pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  let index;
  while ((index = pending.indexOf('\n')) >= 0) {
    send({ type: 'log', message: pending.slice(0, index) });
    pending = pending.slice(index + 1);
  }
  const done = typeof encoding === 'function' ? encoding : callback;
  if (done) done();
  return true;
}
function drain() {
  if (pending) { send({ type: 'log', message: pending }); pending = ''; }
}
process.stdout.write = frameWrite;
process.stderr.write = frameWrite;
for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[name] = (...args) => {
    drain();
    send({ type: 'log', message: `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}` });
  };
}

function missingHint(message) {
  const match = /Cannot find (?:module|package) '([^']+)'/.exec(message || '');
  if (!match || match[1].startsWith('.') || match[1].startsWith('/')) return message;
  const parts = match[1].split('/');
  const name = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (message.includes('STEPWISE_NODE_MODULES')) return message;
  const where = folders.length ? folders.join(', ') : '(no folder: `npm root -g` gave none)';
  return `${message}\nThe package '${name}' is not installed where Stepwise looks: the function's own node_modules, ` +
    `and ${where}. Lambda's Node.js runtimes include the AWS SDK for JavaScript v3; here install it with ` +
    `\`npm install -g ${name}\`, or point STEPWISE_NODE_MODULES (or the --node-modules flag) at a node_modules folder that has it.`;
}

function errorObject(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name === 'Error' && error.constructor && error.constructor.name !== 'Error' ? error.constructor.name : error.name,
      errorMessage: missingHint(error.message),
      trace: String(error.stack || '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

const hooks = `
import { pathToFileURL } from 'node:url';
import path from 'node:path';
let folders = [];
export async function initialize(data) { folders = data.folders; }
function bare(s) { return !/^(\\.|\\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(s); }
export async function resolve(specifier, context, nextResolve) {
  try { return await nextResolve(specifier, context); } catch (error) {
    if (!bare(specifier) || error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    for (const folder of folders) {
      try {
        // A node_modules folder is searched from its parent; any other folder from itself.
        const base = path.basename(folder) === 'node_modules' ? path.dirname(folder) : folder;
        return await nextResolve(specifier, { ...context, parentURL: pathToFileURL(path.join(base, '__stepwise__.mjs')).href });
      } catch {}
    }
    throw error;
  }
}
`;

async function load() {
  const spec = process.env._HANDLER || '';
  const dot = spec.lastIndexOf('.');
  if (dot <= 0) return { error: { errorType: 'Runtime.MalformedHandlerName', errorMessage: `Bad handler ${spec}`, trace: [] } };
  const moduleName = spec.slice(0, dot);
  const functionName = spec.slice(dot + 1);
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const file = ['.js', '.mjs', '.cjs'].map((ext) => path.resolve(root, moduleName + ext)).find((f) => fs.existsSync(f));
  if (!file) {
    return { error: { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: Cannot find module '${moduleName}'`, trace: [] } };
  }
  if (folders.length && typeof nodeModule.register === 'function') {
    nodeModule.register('data:text/javascript,' + encodeURIComponent(hooks), pathToFileURL(__filename), { data: { folders } });
  }
  let loaded;
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    const e = errorObject(error);
    return { error: { errorType: 'Runtime.ImportModuleError', errorMessage: `${e.errorType}: ${e.errorMessage}`, trace: e.trace } };
  }
  let handler = loaded[functionName];
  if (typeof handler !== 'function' && loaded.default) handler = loaded.default[functionName];
  if (typeof handler !== 'function') {
    return { error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${spec} is undefined or not exported`, trace: [] } };
  }
  return { handler };
}

function contextFor(request) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION || '$LATEST',
    invokedFunctionArn: request.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: request.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(request.deadlineMs - Date.now(), 0),
  };
}

function run(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    context.succeed = (result) => resolve(result);
    context.fail = (error) => reject(error);
    context.done = callback;
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    } catch (error) {
      reject(error);
    }
  });
}

async function main() {
  const { handler, error } = await load();
  drain();
  if (error) {
    console.error(`${error.errorType}: ${error.errorMessage}`);
    send({ type: 'initError', error });
    return;
  }
  send({ type: 'ready' });
  const queue = [];
  let waiting = null;
  let buffer = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (data) => {
    buffer += data;
    let index;
    while ((index = buffer.indexOf('\n')) >= 0) {
      queue.push(buffer.slice(0, index));
      buffer = buffer.slice(index + 1);
    }
    if (waiting && queue.length) { const w = waiting; waiting = null; w(); }
  });
  process.stdin.on('end', () => process.exit(0));
  for (;;) {
    if (!queue.length) await new Promise((resolve) => { waiting = resolve; });
    const request = JSON.parse(queue.shift());
    currentRequestId = request.requestId;
    try {
      const result = await run(handler, JSON.parse(request.event), contextFor(request));
      drain();
      send({ type: 'result', payload: JSON.stringify(result === undefined ? null : result) });
    } catch (failure) {
      const e = errorObject(failure);
      console.error('Invoke Error', JSON.stringify(e));
      drain();
      send({ type: 'error', error: e });
    }
  }
}

main().catch((error) => { send({ type: 'initError', error: errorObject(error) }); });
"""#
}
