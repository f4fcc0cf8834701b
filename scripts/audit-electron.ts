/**
 * A static security audit of the Electron shell (electron/*.ts), using the TypeScript
 * compiler's syntax tree rather than text search so that formatting cannot hide a
 * finding. It encodes Electron's security checklist as this app applies it:
 *   - windows take their webPreferences from window-options.ts, which isolates and
 *     sandboxes the page; nothing anywhere turns those protections off;
 *   - the CSP allows nothing remote and no eval;
 *   - every ipcMain listener goes through handleValidated (sender + payload checks);
 *   - navigation and new windows are blocked;
 *   - no shell.openExternal on a computed URL, no remote module;
 *   - the preload exposes no generic IPC passthrough.
 * Usage: tsx scripts/audit-electron.ts [folder]   (exit code 1 on any high-severity finding)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';

export type Severity = 'high' | 'medium';

export interface Finding {
  severity: Severity;
  rule: string;
  file: string;
  line: number;
  message: string;
}

export interface AuditSource {
  /** Path as reported, e.g. "electron/main.ts". */
  path: string;
  text: string;
}

export interface AuditReport {
  findings: Finding[];
  /** One line per check: what was looked at and how much of it there was. */
  checked: string[];
}

const WINDOW_OPTIONS_MODULE = /(^|\/)window-options(\.ts)?$/;
const VALIDATING_WRAPPER = 'handleValidated';
const IPC_CONTRACT_FILE = /(^|\/)ipc-contract\.ts$/;
const IPC_LISTEN_METHODS = new Set(['handle', 'handleOnce', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const RENDERER_SEND_METHODS = new Set(['invoke', 'send', 'sendSync', 'postMessage', 'sendToHost', 'on', 'once', 'addListener']);

/** webPreferences that must have exactly this literal value wherever they are written. */
const REQUIRED_VALUES: Record<string, boolean> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableRemoteModule: false,
  webviewTag: false,
};

export function auditElectron(sources: readonly AuditSource[], csp: string = CONTENT_SECURITY_POLICY): AuditReport {
  const findings: Finding[] = [];
  const counts = { windows: 0, preferenceObjects: 0, ipcListeners: 0, willNavigate: 0, windowOpenHandlers: 0, openExternal: 0, exposed: 0 };
  let windowOptionsFound = false;

  for (const source of sources) {
    const file = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const report = (severity: Severity, rule: string, node: ts.Node, message: string) =>
      findings.push({ severity, rule, file: source.path, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, message });
    const fromWindowOptions = importedNamesFrom(file, (specifier) => WINDOW_OPTIONS_MODULE.test(specifier));
    const forwarders = channelForwarders(file);
    const isWindowOptionsFile = WINDOW_OPTIONS_MODULE.test(source.path.replace(/\\/g, '/'));

    const visit = (node: ts.Node): void => {
      // Rule: windows take their options from window-options.ts.
      if (ts.isNewExpression(node) && calleeName(node.expression) === 'BrowserWindow') {
        counts.windows += 1;
        const arg = node.arguments?.[0];
        if (!arg || !optionsComeFromWindowOptions(arg, fromWindowOptions)) {
          report('high', 'browser-window-options', node, 'new BrowserWindow(...) must take its options (or at least webPreferences) from a function imported from ./window-options, so every window is isolated and sandboxed');
        }
      }

      // Rule: no object literal anywhere weakens a webPreference.
      if (ts.isObjectLiteralExpression(node)) {
        let preferenceKeys = 0;
        for (const property of node.properties) {
          const key = property.name && propertyKey(property.name);
          if (!key || !(key in REQUIRED_VALUES) || !ts.isPropertyAssignment(property)) continue;
          preferenceKeys += 1;
          const wanted = REQUIRED_VALUES[key];
          const value = property.initializer;
          const isWanted = wanted ? value.kind === ts.SyntaxKind.TrueKeyword : value.kind === ts.SyntaxKind.FalseKeyword;
          if (!isWanted) report('high', 'web-preferences', property, `${key} must be the literal ${wanted}, not ${value.getText(file)}`);
        }
        if (preferenceKeys > 0) counts.preferenceObjects += 1;
        if (isWindowOptionsFile && ['contextIsolation', 'sandbox', 'nodeIntegration'].every((key) => hasLiteral(node, key, REQUIRED_VALUES[key]!))) windowOptionsFound = true;
      }

      // Rule: every ipcMain listener goes through the validating wrapper.
      if (ts.isPropertyAccessExpression(node) && IPC_LISTEN_METHODS.has(node.name.text) && isIpcMain(node.expression)) {
        counts.ipcListeners += 1;
        const inWrapper = IPC_CONTRACT_FILE.test(source.path.replace(/\\/g, '/')) && enclosingFunctionName(node) === VALIDATING_WRAPPER;
        if (!inWrapper) report('high', 'ipc-validation', node, `${node.getText(file)} is registered outside ${VALIDATING_WRAPPER} (electron/ipc-contract.ts); its sender and payload would go unchecked`);
      }
      if (ts.isCallExpression(node) && calleeName(node.expression) !== VALIDATING_WRAPPER && node.arguments.some((a) => isIpcMain(a))) {
        report('high', 'ipc-validation', node, `ipcMain is passed to ${node.expression.getText(file)}, which could register listeners unchecked; only ${VALIDATING_WRAPPER} may receive it`);
      }
      if (ts.isVariableDeclaration(node) && node.initializer && isIpcMain(node.initializer)) {
        report('high', 'ipc-validation', node, 'aliasing or destructuring ipcMain hides its listeners from this audit; register through handleValidated');
      }

      // Rule: navigation and new windows are blocked.
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const first = node.arguments[0];
        if (method === 'on' && first && ts.isStringLiteralLike(first) && first.text === 'will-navigate') {
          counts.willNavigate += 1;
          if (!containsCall(node.arguments[1], 'preventDefault')) report('high', 'navigation', node, "the 'will-navigate' handler must call event.preventDefault()");
        }
        if (method === 'setWindowOpenHandler') {
          counts.windowOpenHandlers += 1;
          if (!containsDenyAction(first)) report('high', 'navigation', node, "setWindowOpenHandler must return { action: 'deny' }");
        }
        // Rule: shell.openExternal only with a fixed URL.
        if (method === 'openExternal') {
          counts.openExternal += 1;
          if (!first || !ts.isStringLiteralLike(first)) report('high', 'open-external', node, 'shell.openExternal with a computed URL can launch any program the OS associates with a scheme; pass a fixed https:// URL');
        }
        // Rule: the preload exposes named operations only.
        if (method === 'exposeInMainWorld') {
          counts.exposed += 1;
          const exposed = resolveLocal(file, node.arguments[1]);
          if (exposed) checkExposedValue(exposed, forwarders, (n, message) => report('high', 'preload-passthrough', n, message));
        }
      }

      // Rule: no remote module.
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const specifier = node.moduleSpecifier.text;
        if (specifier === '@electron/remote' || specifier.startsWith('@electron/remote/') || specifier === 'electron/remote') report('high', 'remote-module', node, `${specifier} gives the page direct access to main-process objects; use a validated IPC operation`);
        if (specifier === 'electron' && ts.isImportDeclaration(node)) {
          const bindings = node.importClause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => (e.propertyName ?? e.name).text === 'remote')) report('high', 'remote-module', node, "electron's remote module must not be used");
        }
      }
      if (ts.isCallExpression(node) && node.expression.getText(file) === 'require' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]) && /^@electron\/remote|^electron\/remote/.test(node.arguments[0].text)) {
        report('high', 'remote-module', node, `${node.arguments[0].text} must not be used`);
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'remote' && /^(electron|require\(['"]electron['"]\))$/.test(node.expression.getText(file))) {
        report('high', 'remote-module', node, "electron's remote module must not be used");
      }

      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  const anyFile = sources[0]?.path ?? 'electron';
  if (!windowOptionsFound) findings.push({ severity: 'high', rule: 'web-preferences', file: 'electron/window-options.ts', line: 1, message: 'no webPreferences object with contextIsolation: true, sandbox: true and nodeIntegration: false was found in window-options.ts' });
  if (counts.willNavigate === 0) findings.push({ severity: 'high', rule: 'navigation', file: anyFile, line: 1, message: "nothing handles 'will-navigate'; the page could be navigated to a remote site" });
  if (counts.windowOpenHandlers === 0) findings.push({ severity: 'high', rule: 'navigation', file: anyFile, line: 1, message: 'nothing calls setWindowOpenHandler; window.open would create unrestricted windows' });
  findings.push(...auditContentSecurityPolicy(csp));

  const checked = [
    `${sources.length} source files parsed with TypeScript ${ts.version}`,
    `${counts.windows} new BrowserWindow(...): options from window-options.ts`,
    `${counts.preferenceObjects} objects setting webPreferences: contextIsolation/sandbox true, nodeIntegration* false, webSecurity not false, no insecure content, experimental features, webviews or remote module`,
    `${counts.ipcListeners} ipcMain listener registrations: only inside ${VALIDATING_WRAPPER}`,
    `${counts.willNavigate} 'will-navigate' handlers and ${counts.windowOpenHandlers} setWindowOpenHandler calls: navigation blocked, windows denied`,
    `${counts.openExternal} shell.openExternal calls: fixed URLs only`,
    `${counts.exposed} contextBridge.exposeInMainWorld calls: no generic IPC passthrough`,
    `CSP (${csp.split(';').length} directives): default-src 'none' or 'self', no 'unsafe-eval', no remote origins`,
    'remote module: not imported or required',
  ];
  return { findings, checked };
}

/** CSP rules: nothing remote, no eval, a closed default. */
export function auditContentSecurityPolicy(csp: string): Finding[] {
  const findings: Finding[] = [];
  const add = (message: string) => findings.push({ severity: 'high', rule: 'csp', file: 'shared/security-policy.ts', line: 1, message });
  const directives = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  const defaults = directives.get('default-src');
  if (!defaults || defaults.length !== 1 || !["'none'", "'self'"].includes(defaults[0]!)) add(`default-src must be 'none' or 'self', not ${defaults ? defaults.join(' ') || '(empty)' : '(missing)'}`);
  const localSources = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
  for (const [name, values] of directives) {
    for (const value of values) {
      if (value === "'unsafe-eval'" || value === "'wasm-unsafe-eval'") add(`${name} allows ${value}`);
      else if (!localSources.has(value)) add(`${name} allows ${value}, which is not the app itself; everything the app needs is bundled`);
    }
  }
  const scripts = directives.get('script-src') ?? defaults ?? [];
  for (const value of scripts) if (["'unsafe-inline'", 'data:', 'blob:'].includes(value)) add(`script-src allows ${value}, which lets injected markup run script`);
  return findings;
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

function hasLiteral(object: ts.ObjectLiteralExpression, key: string, value: boolean): boolean {
  return object.properties.some((p) => ts.isPropertyAssignment(p) && propertyKey(p.name) === key && p.initializer.kind === (value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword));
}

function importedNamesFrom(file: ts.SourceFile, matches: (specifier: string) => boolean): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !matches(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

function optionsComeFromWindowOptions(arg: ts.Expression, imported: Set<string>): boolean {
  const isImportedCall = (e: ts.Expression) => ts.isCallExpression(e) && ts.isIdentifier(e.expression) && imported.has(e.expression.text);
  if (isImportedCall(arg)) return true;
  if (!ts.isObjectLiteralExpression(arg)) return false;
  // A spread after webPreferences could replace it, so the literal must end with it or hold only plain options.
  let fromWindowOptions = false;
  for (const property of arg.properties) {
    if (ts.isSpreadAssignment(property)) {
      if (!isImportedCall(property.expression)) return false;
      fromWindowOptions = true;
    } else if (property.name && propertyKey(property.name) === 'webPreferences') {
      if (!ts.isPropertyAssignment(property) || !isImportedCall(property.initializer)) return false;
      fromWindowOptions = true;
    }
  }
  return fromWindowOptions;
}

function isIpcMain(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'ipcMain';
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text === 'ipcMain' || expression.name.text === 'ipc';
  return false;
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) && current.name) return current.name.text;
  }
  return undefined;
}

function containsCall(node: ts.Node | undefined, method: string): boolean {
  if (!node) return false;
  let found = false;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && calleeName(n.expression) === method) found = true;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function containsDenyAction(node: ts.Node | undefined): boolean {
  if (!node) return false;
  let found = false;
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAssignment(n) && propertyKey(n.name) === 'action' && ts.isStringLiteralLike(n.initializer) && n.initializer.text === 'deny') found = true;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Follows `exposeInMainWorld('x', host)` to `const host = {...}` in the same file. */
function resolveLocal(file: ts.SourceFile, expression: ts.Expression | undefined): ts.Expression | undefined {
  if (!expression || !ts.isIdentifier(expression)) return expression;
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === expression.text && n.initializer) found = n.initializer;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(file);
  return found ?? expression;
}

function isIpcRenderer(expression: ts.Expression): boolean {
  return (ts.isIdentifier(expression) && expression.text === 'ipcRenderer') || (ts.isPropertyAccessExpression(expression) && expression.name.text === 'ipcRenderer');
}

/** Local functions that pass their first parameter on as an ipcRenderer channel (like preload's `invoke`). */
function channelForwarders(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const check = (name: string, fn: ts.SignatureDeclaration & { body?: ts.Node | undefined }) => {
    const first = fn.parameters[0];
    if (!first || !ts.isIdentifier(first.name) || !fn.body) return;
    const param = first.name.text;
    let forwards = false;
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && isIpcRenderer(n.expression.expression) && RENDERER_SEND_METHODS.has(n.expression.name.text)) {
        const channel = n.arguments[0];
        if (channel && ts.isIdentifier(channel) && channel.text === param) forwards = true;
      }
      if (!forwards) ts.forEachChild(n, visit);
    };
    visit(fn.body);
    if (forwards) names.add(name);
  };
  const visit = (n: ts.Node) => {
    if (ts.isFunctionDeclaration(n) && n.name) check(n.name.text, n);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) check(n.name.text, n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return names;
}

function checkExposedValue(value: ts.Expression, forwarders: Set<string>, report: (node: ts.Node, message: string) => void): void {
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && n.text === 'ipcRenderer') {
      const parent = n.parent;
      const usedAsCallee = ts.isPropertyAccessExpression(parent) && parent.expression === n && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
      if (!usedAsCallee) report(n, 'the exposed API hands ipcRenderer (or one of its methods) to the page; expose named operations instead');
    }
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isSend = ts.isPropertyAccessExpression(callee) && isIpcRenderer(callee.expression) && RENDERER_SEND_METHODS.has(callee.name.text);
      const isForward = ts.isIdentifier(callee) && forwarders.has(callee.text);
      const channel = n.arguments[0];
      if ((isSend || isForward) && !(channel && (ts.isStringLiteralLike(channel) || ts.isPropertyAccessExpression(channel)))) {
        report(n, `the exposed API lets the page choose the IPC channel (${channel ? channel.getText() : 'none'}); each operation must use its own fixed channel`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(value);
}

export function readElectronSources(folder: string, root: string = process.cwd()): AuditSource[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => {
      const full = path.join(folder, name);
      return { path: path.relative(root, full).replace(/\\/g, '/'), text: readFileSync(full, 'utf8') };
    });
}

export function formatReport(report: AuditReport): string {
  const lines = ['Electron security audit', 'Checked:', ...report.checked.map((line) => `  - ${line}`)];
  const high = report.findings.filter((f) => f.severity === 'high');
  if (report.findings.length === 0) lines.push('No findings.');
  else lines.push(`Findings (${high.length} high):`, ...report.findings.map((f) => `  [${f.severity}] ${f.rule} ${f.file}:${f.line} ${f.message}`));
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const folder = path.resolve(process.argv[2] ?? path.join(repoRoot, 'electron'));
  const report = auditElectron(readElectronSources(folder, repoRoot));
  console.log(formatReport(report));
  process.exitCode = report.findings.some((f) => f.severity === 'high') ? 1 : 0;
}
