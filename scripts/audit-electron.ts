/**
 * A static security audit of the Electron shell (electron/*.ts), on the TypeScript
 * compiler's syntax tree rather than text, so that formatting, renaming or a computed key
 * cannot hide a finding. It encodes Electron's security checklist as this app applies it:
 *   - windows take their webPreferences from window-options.ts, which isolates and
 *     sandboxes the page; nothing anywhere turns those protections off or enables Blink
 *     features, and no command-line switch weakens Chromium (disable-web-security, ...);
 *   - the CSP allows nothing remote and no eval, and no scheme bypasses it;
 *   - every ipcMain listener goes through handleValidated (sender + payload checks),
 *     whatever ipcMain is called locally;
 *   - navigation is prevented and new windows are denied; permissions are never granted
 *     wholesale;
 *   - windows load only the app's own pages: no http(s) or file:// loads, and no
 *     executeJavaScript on text built from data;
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
const EVENT_LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
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

/** Chromium switches that switch off a protection for every page the app shows. */
const WEAKENING_SWITCHES: Record<string, string> = {
  'disable-web-security': 'turns off the same-origin policy for every page',
  'allow-running-insecure-content': 'lets https pages run http scripts',
  'ignore-certificate-errors': 'accepts any TLS certificate',
  'disable-site-isolation-trials': 'puts sites in one renderer process',
  'no-sandbox': 'turns off the renderer sandbox',
  'disable-gpu-sandbox': 'turns off the GPU process sandbox',
  'remote-debugging-port': 'opens a debugging port that controls the app',
  'remote-allow-origins': 'lets web pages drive the debugging port',
  'js-flags': 'changes V8 settings, which can turn off its protections',
};

export function auditElectron(sources: readonly AuditSource[], csp: string = CONTENT_SECURITY_POLICY): AuditReport {
  const findings: Finding[] = [];
  const counts = {
    windows: 0,
    preferenceObjects: 0,
    ipcListeners: 0,
    willNavigate: 0,
    windowOpenHandlers: 0,
    openExternal: 0,
    exposed: 0,
    permissionHandlers: 0,
    switches: 0,
    loads: 0,
    scripts: 0,
  };
  let windowOptionsFound = false;

  for (const source of sources) {
    const file = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const scope = new FileScope(file);
    const reported = new Set<ts.Node>();
    const report = (severity: Severity, rule: string, node: ts.Node, message: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      findings.push({ severity, rule, file: source.path, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, message });
    };
    const normalisedPath = source.path.replace(/\\/g, '/');
    const fromWindowOptions = importedNamesFrom(file, (specifier) => WINDOW_OPTIONS_MODULE.test(specifier));
    const forwarders = channelForwarders(file, scope);
    const isWindowOptionsFile = WINDOW_OPTIONS_MODULE.test(normalisedPath);
    for (const problem of scope.bindingProblems) report('high', problem.rule, problem.node, problem.message);

    const visit = (node: ts.Node): void => {
      // Rule: windows take their options from window-options.ts.
      if (ts.isNewExpression(node) && (scope.electronExportOf(node.expression) === 'BrowserWindow' || calleeName(node.expression) === 'BrowserWindow')) {
        counts.windows += 1;
        const arg = node.arguments?.[0];
        if (!arg || !optionsComeFromWindowOptions(arg, fromWindowOptions)) {
          report(
            'high',
            'browser-window-options',
            node,
            'new BrowserWindow(...) must take its options (or at least webPreferences) from a function imported from ./window-options, so every window is isolated and sandboxed',
          );
        }
      }

      // Rule: no object literal anywhere weakens a webPreference or turns on Blink features; no scheme bypasses the CSP.
      if (ts.isObjectLiteralExpression(node)) {
        let preferenceKeys = 0;
        for (const property of node.properties) {
          const key = property.name ? scope.propertyKey(property.name) : undefined;
          if (key === undefined) {
            // `{ [name]: false }` with a name the audit cannot work out could be any preference.
            if (
              property.name &&
              ts.isComputedPropertyName(property.name) &&
              ts.isPropertyAssignment(property) &&
              literalBoolean(property.initializer) !== undefined
            ) {
              report(
                'medium',
                'web-preferences',
                property,
                `the computed key ${property.name.getText(file)} hides which option is set to ${property.initializer.getText(file)}; write the option's name`,
              );
            }
            continue;
          }
          if (key === 'enableBlinkFeatures') {
            preferenceKeys += 1;
            report('high', 'web-preferences', property, 'enableBlinkFeatures turns on Chromium features that are off by default for safety; remove it');
            continue;
          }
          if (key === 'bypassCSP' && !(ts.isPropertyAssignment(property) && literalBoolean(property.initializer) === false)) {
            report('high', 'csp', property, 'a scheme registered with bypassCSP ignores the Content Security Policy; remove bypassCSP');
            continue;
          }
          if (!(key in REQUIRED_VALUES)) continue;
          preferenceKeys += 1;
          const wanted = REQUIRED_VALUES[key]!;
          const value = ts.isPropertyAssignment(property) ? literalBoolean(property.initializer) : undefined;
          if (value !== wanted) {
            const written = ts.isPropertyAssignment(property) ? property.initializer.getText(file) : property.getText(file);
            report('high', 'web-preferences', property, `${key} must be the literal ${wanted}, not ${written}`);
          }
        }
        if (preferenceKeys > 0) counts.preferenceObjects += 1;
        if (isWindowOptionsFile && ['contextIsolation', 'sandbox', 'nodeIntegration'].every((key) => hasLiteral(scope, node, key, REQUIRED_VALUES[key]!)))
          windowOptionsFound = true;
      }
      // ... nor does an assignment such as `preferences.sandbox = false` or `preferences['enableBlinkFeatures'] = ...`.
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const key = scope.memberName(node.left);
        if (key === 'enableBlinkFeatures')
          report('high', 'web-preferences', node, 'enableBlinkFeatures turns on Chromium features that are off by default for safety; remove it');
        else if (key !== undefined && key in REQUIRED_VALUES && literalBoolean(node.right) !== REQUIRED_VALUES[key]) {
          report('high', 'web-preferences', node, `${key} must be the literal ${REQUIRED_VALUES[key]}, not ${node.right.getText(file)}`);
        }
      }

      // Rule: every ipcMain listener goes through the validating wrapper.
      if (isMemberAccess(node) && IPC_LISTEN_METHODS.has(scope.memberName(node) ?? '') && scope.isIpcMain(node.expression)) {
        counts.ipcListeners += 1;
        const inWrapper = IPC_CONTRACT_FILE.test(normalisedPath) && enclosingFunctionName(node) === VALIDATING_WRAPPER;
        if (!inWrapper)
          report(
            'high',
            'ipc-validation',
            node,
            `${node.getText(file)} is registered outside ${VALIDATING_WRAPPER} (electron/ipc-contract.ts); its sender and payload would go unchecked`,
          );
      }
      if (ts.isCallExpression(node)) {
        const ipcListener = scope.boundMemberOf(node.expression);
        if (ipcListener?.export === 'ipcMain' && IPC_LISTEN_METHODS.has(ipcListener.member)) {
          counts.ipcListeners += 1;
          report(
            'high',
            'ipc-validation',
            node,
            `${node.expression.getText(file)} is ipcMain.${ipcListener.member} under another name; register through ${VALIDATING_WRAPPER}`,
          );
        }
        if (calleeName(node.expression) !== VALIDATING_WRAPPER && node.arguments.some((a) => scope.isIpcMain(a))) {
          report(
            'high',
            'ipc-validation',
            node,
            `ipcMain is passed to ${node.expression.getText(file)}, which could register listeners unchecked; only ${VALIDATING_WRAPPER} may receive it`,
          );
        }
      }
      if (ts.isVariableDeclaration(node) && node.initializer && scope.isIpcMain(node.initializer)) {
        report('high', 'ipc-validation', node, 'aliasing or destructuring ipcMain hides its listeners from this audit; register through handleValidated');
      }

      if (ts.isCallExpression(node)) checkCall(node);

      // Rule: no remote module.
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const specifier = node.moduleSpecifier.text;
        if (isRemoteModule(specifier))
          report('high', 'remote-module', node, `${specifier} gives the page direct access to main-process objects; use a validated IPC operation`);
      }
      const required = requiredModule(node);
      if (required !== undefined && isRemoteModule(required)) report('high', 'remote-module', node, `${required} must not be used`);
      if (isMemberAccess(node) && scope.memberName(node) === 'remote' && scope.isElectronModule(node.expression)) {
        report('high', 'remote-module', node, "electron's remote module must not be used");
      }

      // Rule: no weakening command-line switch, however it is passed.
      if (ts.isStringLiteralLike(node) && node.text.startsWith('--') && !isSwitchArgument(node, scope)) {
        const name = switchName(node.text);
        if (name in WEAKENING_SWITCHES) report('high', 'command-line', node, `${node.text} ${WEAKENING_SWITCHES[name]}; remove it`);
      }

      ts.forEachChild(node, visit);
    };

    const checkCall = (node: ts.CallExpression): void => {
      const method = scope.memberName(node.expression) ?? scope.boundMemberOf(node.expression)?.member;
      if (method === undefined) return;
      const first = node.arguments[0];

      // Rule: navigation is prevented, new windows are denied.
      if (EVENT_LISTEN_METHODS.has(method) && first && scope.constantString(first) === 'will-navigate') {
        counts.willNavigate += 1;
        const handler = scope.resolveFunction(node.arguments[1]);
        if (!handler)
          report(
            'high',
            'navigation',
            node,
            "the 'will-navigate' handler is not a function this audit can see; write it inline so that it visibly calls event.preventDefault()",
          );
        else if (!preventsDefault(handler, scope))
          report('high', 'navigation', node, "the 'will-navigate' handler never calls preventDefault() on its event, so the page can navigate anywhere");
      }
      if (method === 'setWindowOpenHandler') {
        counts.windowOpenHandlers += 1;
        const handler = scope.resolveFunction(first);
        const actions = handler ? windowOpenActions(handler, scope) : undefined;
        if (!actions)
          report('high', 'navigation', node, "setWindowOpenHandler must be given a function this audit can see, returning object literals with action: 'deny'");
        else if (actions.length === 0) report('high', 'navigation', node, "setWindowOpenHandler must return { action: 'deny' }");
        else {
          const other = actions.filter((action) => action !== 'deny');
          if (other.length > 0)
            report(
              'high',
              'navigation',
              node,
              `setWindowOpenHandler can return ${other.map((a) => (a === undefined ? 'an action it does not spell out' : `{ action: '${a}' }`)).join(' and ')}; it must only ever deny`,
            );
        }
      }

      // Rule: permissions are never granted wholesale.
      if (method === 'setPermissionRequestHandler' || method === 'setPermissionCheckHandler' || method === 'setDevicePermissionHandler') {
        counts.permissionHandlers += 1;
        const handler = scope.resolveFunction(first);
        if (first && handler && grantsEverything(handler, method, scope)) {
          report(
            'high',
            'permissions',
            node,
            `${method} grants every permission without looking at which one is asked for; deny by default and allow named permissions only`,
          );
        }
      }

      // Rule: shell.openExternal only with a fixed https URL.
      if (method === 'openExternal') {
        counts.openExternal += 1;
        const url = first ? scope.constantString(first) : undefined;
        if (url === undefined || !/^https:\/\//i.test(url))
          report(
            'high',
            'open-external',
            node,
            'shell.openExternal with a computed or non-https URL can launch any program the OS associates with a scheme; pass a fixed https:// URL',
          );
      }

      // Rule: windows load only the app's own pages.
      if (method === 'loadURL' || method === 'loadFile') {
        counts.loads += 1;
        if (method === 'loadFile')
          report(
            'high',
            'local-content',
            node,
            'loadFile gives the page a file:// origin that can read local files; serve it from app:// (electron/app-protocol.ts)',
          );
        else if (first) {
          const prefix = scope.constantPrefix(first);
          const scheme = prefix === undefined ? undefined : /^([a-z][a-z0-9+.-]*):/i.exec(prefix)?.[1]?.toLowerCase();
          if (scheme === 'http' || scheme === 'https')
            report(
              'high',
              'remote-content',
              node,
              `loadURL(${first.getText(file)}) puts a ${scheme === 'http' ? 'plain-http' : 'remote'} page in an app window; the app loads only its own pages from app://`,
            );
          else if (scheme === 'file')
            report('high', 'local-content', node, 'a file:// page can read local files; serve it from app:// (electron/app-protocol.ts)');
          else if (scheme === 'javascript') report('high', 'remote-content', node, 'a javascript: URL runs script in the window; remove it');
        }
      }

      // Rule: no script built from data.
      if (method === 'executeJavaScript' || method === 'executeJavaScriptInIsolatedWorld') {
        counts.scripts += 1;
        const code = method === 'executeJavaScript' ? [first] : isolatedWorldCode(node.arguments[1]);
        if (code.some((c) => !c || scope.constantString(c) === undefined)) {
          report(
            'high',
            'execute-javascript',
            node,
            `${method} on text that is not a fixed string runs whatever the data holds as code in the page; send the data over IPC and let the page's own code use it`,
          );
        }
      }

      // Rule: no weakening command-line switch.
      if (method === 'appendSwitch' || method === 'appendArgument') {
        counts.switches += 1;
        const name = first ? scope.constantString(first) : undefined;
        if (name !== undefined && switchName(name) in WEAKENING_SWITCHES)
          report('high', 'command-line', node, `the ${switchName(name)} switch ${WEAKENING_SWITCHES[switchName(name)]}; remove it`);
      }

      // Rule: the preload exposes named operations only.
      if (method === 'exposeInMainWorld') {
        counts.exposed += 1;
        const exposed = resolveLocal(file, node.arguments[1]);
        if (exposed) checkExposedValue(exposed, forwarders, scope, (n, message) => report('high', 'preload-passthrough', n, message));
      }
    };

    visit(file);
  }

  const anyFile = sources[0]?.path ?? 'electron';
  if (!windowOptionsFound)
    findings.push({
      severity: 'high',
      rule: 'web-preferences',
      file: 'electron/window-options.ts',
      line: 1,
      message: 'no webPreferences object with contextIsolation: true, sandbox: true and nodeIntegration: false was found in window-options.ts',
    });
  if (counts.willNavigate === 0)
    findings.push({
      severity: 'high',
      rule: 'navigation',
      file: anyFile,
      line: 1,
      message: "nothing handles 'will-navigate'; the page could be navigated to a remote site",
    });
  if (counts.windowOpenHandlers === 0)
    findings.push({
      severity: 'high',
      rule: 'navigation',
      file: anyFile,
      line: 1,
      message: 'nothing calls setWindowOpenHandler; window.open would create unrestricted windows',
    });
  findings.push(...auditContentSecurityPolicy(csp));

  const checked = [
    `${sources.length} source files parsed with TypeScript ${ts.version}`,
    `${counts.windows} new BrowserWindow(...): options from window-options.ts`,
    `${counts.preferenceObjects} objects setting webPreferences (computed keys and assignments included): contextIsolation/sandbox true, nodeIntegration* false, webSecurity not false, no insecure content, experimental or Blink features, webviews or remote module`,
    `${counts.ipcListeners} ipcMain listener registrations, under any name: only inside ${VALIDATING_WRAPPER}`,
    `${counts.willNavigate} 'will-navigate' handlers and ${counts.windowOpenHandlers} setWindowOpenHandler calls: navigation prevented, windows only ever denied`,
    `${counts.permissionHandlers} permission handlers: none grants every permission`,
    `${counts.loads} loadURL/loadFile calls: no http(s), file:// or javascript: pages`,
    `${counts.scripts} executeJavaScript calls: fixed strings only`,
    `${counts.switches} command-line switches, and every string naming one: none that weakens Chromium (${Object.keys(WEAKENING_SWITCHES).join(', ')})`,
    `${counts.openExternal} shell.openExternal calls: fixed https:// URLs only`,
    `${counts.exposed} contextBridge.exposeInMainWorld calls: no generic IPC passthrough`,
    `CSP (${csp.split(';').length} directives): default-src 'none' or 'self', no 'unsafe-eval', no remote origins; no scheme with bypassCSP`,
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
  if (!defaults || defaults.length !== 1 || !["'none'", "'self'"].includes(defaults[0]!))
    add(`default-src must be 'none' or 'self', not ${defaults ? defaults.join(' ') || '(empty)' : '(missing)'}`);
  const localSources = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
  for (const [name, values] of directives) {
    for (const value of values) {
      if (value === "'unsafe-eval'" || value === "'wasm-unsafe-eval'") add(`${name} allows ${value}`);
      else if (!localSources.has(value)) add(`${name} allows ${value}, which is not the app itself; everything the app needs is bundled`);
    }
  }
  const scripts = directives.get('script-src') ?? defaults ?? [];
  for (const value of scripts)
    if (["'unsafe-inline'", 'data:', 'blob:'].includes(value)) add(`script-src allows ${value}, which lets injected markup run script`);
  return findings;
}

type FunctionLike = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;

interface BindingProblem {
  rule: string;
  node: ts.Node;
  message: string;
}

/**
 * What the names in one file stand for: which locals are the electron module or one of its
 * exports (however imported, renamed or destructured), which are members of those exports
 * (`const { openExternal } = shell`), and which hold constant strings. Lexical scoping is
 * simplified to "declared anywhere in the file", which can only make the audit stricter.
 */
class FileScope {
  /** Locals that are the whole electron module. */
  private readonly modules = new Set<string>();
  /** Local name -> electron export it stands for (ipcMain, shell, ...). */
  private readonly exports = new Map<string, string>();
  /** Local name -> a member of an electron export (`const { handle: h } = ipcMain`). */
  private readonly members = new Map<string, { export: string; member: string }>();
  private readonly constants = new Map<string, ts.Expression>();
  private readonly functions = new Map<string, FunctionLike>();
  readonly bindingProblems: BindingProblem[] = [];

  constructor(private readonly file: ts.SourceFile) {
    // Two passes, so that `const bus = ipcMain` after `import { ipcMain }` resolves whatever the order.
    for (let pass = 0; pass < 2; pass += 1) this.collect(file);
  }

  private collect(root: ts.Node): void {
    const visit = (node: ts.Node): void => {
      if (
        ts.isImportDeclaration(node) &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        node.moduleSpecifier.text === 'electron' &&
        !node.importClause?.isTypeOnly
      ) {
        const clause = node.importClause;
        if (clause?.name) this.modules.add(clause.name.text);
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) this.modules.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            if (element.isTypeOnly) continue;
            const exported = (element.propertyName ?? element.name).text;
            this.exports.set(element.name.text, exported);
            if (exported === 'remote')
              this.bindingProblems.push({ rule: 'remote-module', node: element, message: "electron's remote module must not be used" });
          }
        }
      }
      if (
        ts.isImportEqualsDeclaration(node) &&
        ts.isExternalModuleReference(node.moduleReference) &&
        ts.isStringLiteral(node.moduleReference.expression) &&
        node.moduleReference.expression.text === 'electron'
      ) {
        this.modules.add(node.name.text);
      }
      if (ts.isVariableDeclaration(node) && node.initializer) this.bindVariable(node.name, node.initializer);
      if (ts.isFunctionDeclaration(node) && node.name && node.body) this.functions.set(node.name.text, node);
      ts.forEachChild(node, visit);
    };
    visit(root);
  }

  private bindVariable(name: ts.BindingName, initializer: ts.Expression): void {
    const value = skipOuter(initializer);
    if (ts.isIdentifier(name)) {
      if (this.isElectronModule(value)) this.modules.add(name.text);
      const exported = this.electronExportOf(value);
      if (exported) this.exports.set(name.text, exported);
      const member = this.boundMemberOf(value) ?? this.memberOfExport(value);
      if (member) this.members.set(name.text, member);
      if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) this.functions.set(name.text, value);
      if (isConstantShaped(value) && isConst(name)) this.constants.set(name.text, value);
      return;
    }
    if (!ts.isObjectBindingPattern(name)) return;
    const fromModule = this.isElectronModule(value);
    const fromExport = this.electronExportOf(value);
    for (const element of name.elements) {
      if (element.dotDotDotToken) continue;
      const key = element.propertyName ? this.propertyKey(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (key === undefined) continue;
      if (fromModule) {
        if (key === 'remote') this.bindingProblems.push({ rule: 'remote-module', node: element, message: "electron's remote module must not be used" });
        if (ts.isIdentifier(element.name)) this.exports.set(element.name.text, key);
        else if (key === 'ipcMain')
          this.bindingProblems.push({
            rule: 'ipc-validation',
            node: element,
            message: 'destructuring ipcMain hides its listeners from this audit; register through handleValidated',
          });
      } else if (fromExport && ts.isIdentifier(element.name)) {
        this.members.set(element.name.text, { export: fromExport, member: key });
      }
    }
  }

  /** `electron`, `require('electron')`, or a local bound to either. */
  isElectronModule(expression: ts.Expression): boolean {
    const e = skipOuter(expression);
    if (ts.isIdentifier(e)) return this.modules.has(e.text);
    return requiredModule(e) === 'electron';
  }

  /** Which electron export an expression is: `bus` (imported as ipcMain), `electron.shell`, `require('electron')['ipcMain']`. */
  electronExportOf(expression: ts.Expression): string | undefined {
    const e = skipOuter(expression);
    if (ts.isIdentifier(e)) return this.exports.get(e.text);
    if (isMemberAccess(e) && this.isElectronModule(e.expression)) return this.memberName(e);
    return undefined;
  }

  /** A local that stands for a member of an electron export, such as `open` in `const { openExternal: open } = shell`. */
  boundMemberOf(expression: ts.Expression): { export: string; member: string } | undefined {
    const e = skipOuter(expression);
    return ts.isIdentifier(e) ? this.members.get(e.text) : undefined;
  }

  private memberOfExport(expression: ts.Expression): { export: string; member: string } | undefined {
    if (!isMemberAccess(expression)) return undefined;
    const exported = this.electronExportOf(expression.expression);
    const member = this.memberName(expression);
    return exported && member ? { export: exported, member } : undefined;
  }

  /** ipcMain under any name, a parameter called ipcMain, or a window's own `webContents.ipc`. */
  isIpcMain(expression: ts.Expression): boolean {
    const e = skipOuter(expression);
    if (this.electronExportOf(e) === 'ipcMain') return true;
    if (ts.isIdentifier(e)) return e.text === 'ipcMain';
    if (isMemberAccess(e)) {
      const name = this.memberName(e);
      return name === 'ipcMain' || name === 'ipc';
    }
    return false;
  }

  /** The name of `a.b` or `a['b']` (or `a[KEY]` with a constant KEY). */
  memberName(expression: ts.Node): string | undefined {
    const e = ts.isExpression(expression) ? skipOuter(expression) : expression;
    if (ts.isPropertyAccessExpression(e)) return e.name.text;
    if (ts.isElementAccessExpression(e)) return this.constantString(e.argumentExpression);
    return undefined;
  }

  propertyKey(name: ts.PropertyName): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
    if (ts.isComputedPropertyName(name)) return this.constantString(name.expression);
    return undefined;
  }

  /** The value of an expression made only of string literals, constants and `+`; undefined if it depends on anything else. */
  constantString(expression: ts.Expression, depth = 0): string | undefined {
    if (depth > 20) return undefined;
    const e = skipOuter(expression);
    if (ts.isStringLiteralLike(e)) return e.text;
    if (ts.isIdentifier(e)) {
      const bound = this.constants.get(e.text);
      return bound ? this.constantString(bound, depth + 1) : undefined;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.constantString(e.left, depth + 1);
      const right = left === undefined ? undefined : this.constantString(e.right, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    if (ts.isTemplateExpression(e)) {
      let text = e.head.text;
      for (const span of e.templateSpans) {
        const value = this.constantString(span.expression, depth + 1);
        if (value === undefined) return undefined;
        text += value + span.literal.text;
      }
      return text;
    }
    return undefined;
  }

  /** The constant text an expression starts with (`http://${host}/` starts with "http://"). */
  constantPrefix(expression: ts.Expression): string | undefined {
    const e = skipOuter(expression);
    const whole = this.constantString(e);
    if (whole !== undefined) return whole;
    if (ts.isTemplateExpression(e)) return e.head.text;
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return this.constantPrefix(e.left);
    return undefined;
  }

  /** An inline function, or a function declared in this file by that name. */
  resolveFunction(expression: ts.Expression | undefined): FunctionLike | undefined {
    if (!expression) return undefined;
    const e = skipOuter(expression);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
    if (ts.isIdentifier(e)) return this.functions.get(e.text);
    return undefined;
  }
}

function skipOuter(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e))
    e = e.expression;
  return e;
}

function isMemberAccess(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

function isConst(name: ts.Identifier): boolean {
  const list = name.parent?.parent;
  return list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

function isConstantShaped(e: ts.Expression): boolean {
  return (
    ts.isStringLiteralLike(e) ||
    ts.isTemplateExpression(e) ||
    ts.isIdentifier(e) ||
    (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

function literalBoolean(expression: ts.Expression): boolean | undefined {
  const e = skipOuter(expression);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** The module a `require('x')` call names. */
function requiredModule(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const first = node.arguments[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

function isRemoteModule(specifier: string): boolean {
  return specifier === '@electron/remote' || specifier.startsWith('@electron/remote/') || specifier === 'electron/remote';
}

/** The string is the switch given to appendSwitch/appendArgument, which reports it with more context. */
function isSwitchArgument(node: ts.Node, scope: FileScope): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node) return false;
  const method = scope.memberName(call.expression);
  return method === 'appendSwitch' || method === 'appendArgument';
}

/** "--disable-web-security=1" -> "disable-web-security". */
function switchName(text: string): string {
  return text.replace(/^--?/, '').split('=')[0]!.toLowerCase();
}

function calleeName(expression: ts.Expression): string | undefined {
  const e = skipOuter(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function hasLiteral(scope: FileScope, object: ts.ObjectLiteralExpression, key: string, value: boolean): boolean {
  return object.properties.some((p) => ts.isPropertyAssignment(p) && scope.propertyKey(p.name) === key && literalBoolean(p.initializer) === value);
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
    } else if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === 'webPreferences') {
      if (!ts.isPropertyAssignment(property) || !isImportedCall(property.initializer)) return false;
      fromWindowOptions = true;
    } else if (property.name && ts.isComputedPropertyName(property.name)) {
      return false;
    }
  }
  return fromWindowOptions;
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) && current.name) return current.name.text;
  }
  return undefined;
}

function parameterName(fn: FunctionLike, index: number): string | undefined {
  const parameter = fn.parameters[index];
  return parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
}

function isReferenceTo(node: ts.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && names.has(n.text)) found = true;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The handler calls preventDefault() on its own first parameter (the event), not on something else. */
function preventsDefault(handler: FunctionLike, scope: FileScope): boolean {
  const event = parameterName(handler, 0);
  if (!event || !handler.body) return false;
  let found = false;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && isMemberAccess(n.expression) && scope.memberName(n.expression) === 'preventDefault') {
      const target = skipOuter(n.expression.expression);
      if (ts.isIdentifier(target) && target.text === event) found = true;
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(handler.body);
  return found;
}

/**
 * Every `action` a window-open handler can return: 'deny', 'allow', or undefined for a
 * value the audit cannot pin down. Undefined as a whole when the handler returns something
 * other than object literals (a variable, a call), whose action cannot be seen.
 */
function windowOpenActions(handler: FunctionLike, scope: FileScope): Array<string | undefined> | undefined {
  if (!handler.body) return undefined;
  const returned: ts.Expression[] = [];
  if (!ts.isBlock(handler.body)) returned.push(handler.body);
  else {
    const visit = (n: ts.Node) => {
      if (ts.isFunctionLike(n)) return; // a nested function's returns are not the handler's
      if (ts.isReturnStatement(n) && n.expression) returned.push(n.expression);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(handler.body, visit);
  }
  const actions: Array<string | undefined> = [];
  const collect = (expression: ts.Expression): boolean => {
    const e = skipOuter(expression);
    if (ts.isConditionalExpression(e)) return collect(e.whenTrue) && collect(e.whenFalse);
    if (
      ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
        e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
    )
      return collect(e.left) && collect(e.right);
    if (!ts.isObjectLiteralExpression(e)) return false;
    let action: string | undefined;
    let hasAction = false;
    for (const property of e.properties) {
      if (ts.isSpreadAssignment(property)) return false;
      if (property.name && scope.propertyKey(property.name) === 'action') {
        hasAction = true;
        action = ts.isPropertyAssignment(property) ? scope.constantString(property.initializer) : undefined;
      }
    }
    actions.push(hasAction ? action : undefined);
    return true;
  };
  for (const expression of returned) if (!collect(expression)) return undefined;
  return actions;
}

/**
 * A permission handler that grants (calls back with, or returns, anything but `false`)
 * without any condition on the permission asked for (or the details of the request).
 */
function grantsEverything(handler: FunctionLike, method: string, scope: FileScope): boolean {
  if (!handler.body) return false;
  // setPermissionRequestHandler(webContents, permission, callback, details);
  // setPermissionCheckHandler(webContents, permission, origin, details); setDevicePermissionHandler(details).
  const deciding = new Set(
    (method === 'setDevicePermissionHandler' ? [parameterName(handler, 0)] : [parameterName(handler, 1), parameterName(handler, 3)]).filter(
      (n): n is string => n !== undefined,
    ),
  );
  const callback = method === 'setPermissionRequestHandler' ? parameterName(handler, 2) : undefined;
  let grants = false;
  let decides = false;
  const isGrant = (value: ts.Expression | undefined) => value !== undefined && literalBoolean(value) !== false;
  const visit = (n: ts.Node) => {
    if (n !== handler.body && ts.isFunctionLike(n) && !ts.isCallExpression(n.parent)) return;
    if (callback && ts.isCallExpression(n) && ts.isIdentifier(skipOuter(n.expression)) && (skipOuter(n.expression) as ts.Identifier).text === callback) {
      if (isGrant(n.arguments[0])) grants = true;
      if (n.arguments[0] && isReferenceTo(n.arguments[0], deciding)) decides = true;
    }
    if (!callback && ts.isReturnStatement(n) && isGrant(n.expression)) {
      grants = true;
      if (n.expression && isReferenceTo(n.expression, deciding)) decides = true;
    }
    const condition = ts.isIfStatement(n)
      ? n.expression
      : ts.isConditionalExpression(n)
        ? n.condition
        : ts.isSwitchStatement(n)
          ? n.expression
          : ts.isBinaryExpression(n) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind)
            ? n.left
            : undefined;
    if (condition && isReferenceTo(condition, deciding)) decides = true;
    ts.forEachChild(n, visit);
  };
  if (!callback && !ts.isBlock(handler.body)) {
    grants = isGrant(handler.body);
    decides = isReferenceTo(handler.body, deciding);
  } else visit(handler.body);
  return grants && !decides;
}

/** The code strings of executeJavaScriptInIsolatedWorld(worldId, [{ code }, ...]); undefined where not visible. */
function isolatedWorldCode(scripts: ts.Expression | undefined): Array<ts.Expression | undefined> {
  if (!scripts || !ts.isArrayLiteralExpression(skipOuter(scripts))) return [undefined];
  return (skipOuter(scripts) as ts.ArrayLiteralExpression).elements.map((element) => {
    if (!ts.isObjectLiteralExpression(element)) return undefined;
    const code = element.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'code');
    return code && ts.isPropertyAssignment(code) ? code.initializer : undefined;
  });
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

function isIpcRenderer(expression: ts.Expression, scope: FileScope): boolean {
  const e = skipOuter(expression);
  if (scope.electronExportOf(e) === 'ipcRenderer') return true;
  return (ts.isIdentifier(e) && e.text === 'ipcRenderer') || (isMemberAccess(e) && scope.memberName(e) === 'ipcRenderer');
}

/** Local functions that pass their first parameter on as an ipcRenderer channel (like preload's `invoke`). */
function channelForwarders(file: ts.SourceFile, scope: FileScope): Set<string> {
  const names = new Set<string>();
  const check = (name: string, fn: ts.SignatureDeclaration & { body?: ts.Node | undefined }) => {
    const first = fn.parameters[0];
    if (!first || !ts.isIdentifier(first.name) || !fn.body) return;
    const param = first.name.text;
    let forwards = false;
    const visit = (n: ts.Node) => {
      if (
        ts.isCallExpression(n) &&
        isMemberAccess(n.expression) &&
        isIpcRenderer(n.expression.expression, scope) &&
        RENDERER_SEND_METHODS.has(scope.memberName(n.expression) ?? '')
      ) {
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
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    )
      check(n.name.text, n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return names;
}

function checkExposedValue(value: ts.Expression, forwarders: Set<string>, scope: FileScope, report: (node: ts.Node, message: string) => void): void {
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && isIpcRenderer(n, scope)) {
      const parent = n.parent;
      const usedAsCallee = isMemberAccess(parent) && parent.expression === n && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
      if (!usedAsCallee) report(n, 'the exposed API hands ipcRenderer (or one of its methods) to the page; expose named operations instead');
    }
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isSend = isMemberAccess(callee) && isIpcRenderer(callee.expression, scope) && RENDERER_SEND_METHODS.has(scope.memberName(callee) ?? '');
      const isForward = ts.isIdentifier(callee) && forwarders.has(callee.text);
      const channel = n.arguments[0];
      if ((isSend || isForward) && !(channel && (scope.constantString(channel) !== undefined || ts.isPropertyAccessExpression(channel)))) {
        report(
          n,
          `the exposed API lets the page choose the IPC channel (${channel ? channel.getText() : 'none'}); each operation must use its own fixed channel`,
        );
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
