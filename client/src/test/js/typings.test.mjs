// The typings (src/main/resources/meshcall-static/meshcall.d.mts and meshcall.d.ts) against the SDK the build just
// made: every name declared is one the runtime exports, and every name exported is declared; and the typed example
// that tsc compiles (src/test/ts/typed-example.ts) uses every one of them, so it stays a check of the whole API. Run
// by the build after TeaVM and npm ci (pom.xml); it reads the typings with the TypeScript compiler's own parser from
// target/npm.
//
// What the runtime exports, as TeaVM 0.15 lays it out: the exported classes; on each, its static members (MeshCall's
// init, chat, videochat, version); on its prototype, the @JSExport methods and property getters. The on…Listener
// properties are the only own properties of the API: plain properties the SDK sets to null on MeshCall.chat and
// MeshCall.videochat (JsListener.java); the other own properties are TeaVM's minified Java fields.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import vm from 'node:vm';

const client = fileURLToPath(new URL('../../../', import.meta.url));
const built = client + 'target/classes/meshcall-static/';
const typings = client + 'src/main/resources/meshcall-static/';
const require = createRequire(import.meta.url);
const ts = require(client + 'target/npm/node_modules/typescript');

const LISTENER = /^on[A-Z]/;

/** The declarations of a typings file, parsed. */
function parse(file) {
  return ts.createSourceFile(file, readFileSync(typings + file, 'utf8'), ts.ScriptTarget.Latest, true);
}

const isStatic = (member) => (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);

/**
 * meshcall.d.mts as {classes: name -> {statics, members, listeners}, literals: interface name -> {key: value}}:
 * the exported classes' declared names, and the interfaces of the MeshCall namespace whose members are all number
 * literals (the enum objects' types).
 */
function declared() {
  const classes = new Map();
  const literals = new Map();
  for (const statement of parse('meshcall.d.mts').statements) {
    if (ts.isClassDeclaration(statement)) {
      const names = {statics: new Set(), members: new Set(), listeners: new Set(), types: new Map()};
      for (const member of statement.members) {
        if (ts.isConstructorDeclaration(member)) {
          continue;
        }
        const name = member.name.getText();
        if (isStatic(member)) {
          names.statics.add(name);
        } else if (LISTENER.test(name)) {
          names.listeners.add(name);
        } else {
          names.members.add(name);
          if (member.type && ts.isTypeReferenceNode(member.type)) {
            names.types.set(name, member.type.typeName.getText());
          }
        }
      }
      classes.set(statement.name.text, names);
    } else if (ts.isModuleDeclaration(statement) && statement.name.getText() === 'MeshCall') {
      for (const inner of statement.body.statements) {
        if (!ts.isInterfaceDeclaration(inner)) {
          continue;
        }
        const values = inner.members.map((m) => [m.name?.getText(), m.type]);
        if (values.length > 0 && values.every(([key, type]) => key && type && ts.isLiteralTypeNode(type)
            && ts.isNumericLiteral(type.literal))) {
          literals.set('MeshCall.' + inner.name.text, Object.fromEntries(
              values.map(([key, type]) => [key, Number(type.literal.text)])));
        }
      }
    }
  }
  return {classes, literals};
}

/** The names meshcall.d.ts puts on the global scope (its `declare global { export import X = … }`). */
function declaredGlobals() {
  const names = [];
  for (const statement of parse('meshcall.d.ts').statements) {
    if (ts.isModuleDeclaration(statement) && statement.name.getText() === 'global') {
      for (const inner of statement.body.statements) {
        assert.ok(ts.isImportEqualsDeclaration(inner), 'meshcall.d.ts: declare global holds only aliases');
        names.push(inner.name.text);
      }
    }
  }
  return names.sort();
}

const ownNames = (object, leaveOut) => Object.getOwnPropertyNames(object).filter((n) => !leaveOut.includes(n)).sort();
const sorted = (set) => [...set].sort();

/** What <script src="/meshcall.js"> adds to the page: the UMD run as a classic script whose `self` is the global. */
function scriptGlobals() {
  const page = vm.createContext({});
  vm.runInContext('var self = this;', page);
  const before = Object.getOwnPropertyNames(page);
  vm.runInContext(readFileSync(built + 'meshcall.js', 'utf8'), page, {filename: 'meshcall.js'});
  const added = Object.getOwnPropertyNames(page).filter((n) => !before.includes(n));
  return Object.fromEntries(added.map((n) => [n, page[n]]));
}

const {classes, literals} = declared();
const umd = require(built + 'meshcall.js');
const esm = await import(pathToFileURL(built + 'meshcall.mjs').href);
const faces = {'meshcall.js (require)': umd, 'meshcall.mjs (import)': {...esm}, 'meshcall.js (script tag)':
    scriptGlobals()};

test('each way of loading the SDK exports exactly the classes the typings declare', () => {
  for (const [face, exports] of Object.entries(faces)) {
    assert.deepEqual(Object.keys(exports).sort(), sorted(classes.keys()), face);
  }
  assert.deepEqual(declaredGlobals(), sorted(classes.keys()), 'the globals meshcall.d.ts declares');
});

test('the typed example that tsc compiles uses every declared member and enum value', () => {
  const example = readFileSync(client + 'src/test/ts/typed-example.ts', 'utf8');
  const names = [...classes.values()].flatMap((c) => [...c.statics, ...c.members, ...c.listeners])
      .concat([...literals.values()].flatMap((values) => Object.keys(values)));
  const unused = [...new Set(names)].filter((name) => !new RegExp(`[.{,]\\s*${name}\\b`).test(example));
  assert.deepEqual(unused, [], 'names src/test/ts/typed-example.ts does not use');
});

for (const [face, exports] of Object.entries(faces)) {
  test(`${face}: every class's static and prototype members are the declared ones`, () => {
    for (const [name, names] of classes) {
      const exported = exports[name];
      assert.deepEqual(ownNames(exported, ['length', 'name', 'prototype']), sorted(names.statics),
          `static members of ${name}`);
      assert.deepEqual(ownNames(exported.prototype, ['constructor']), sorted(names.members),
          `methods and properties of ${name} (its prototype)`);
      assert.throws(() => new exported(), /instantiate/, `${name} is not constructible`);
    }
  });

  test(`${face}: chat's and videochat's listener properties are the declared ones, null until set`, () => {
    const {MeshCall} = exports;
    const live = {MeshCallChat: MeshCall.chat, MeshCallVideoChat: MeshCall.videochat};
    for (const [name, names] of classes) {
      const object = live[name];
      const listeners = object ? Object.getOwnPropertyNames(object).filter((n) => LISTENER.test(n)).sort() : [];
      assert.deepEqual(listeners, sorted(names.listeners), `listener properties of ${name}`);
      for (const listener of listeners) {
        assert.equal(object[listener], null, `${name}.${listener} before the app sets it`);
      }
    }
    assert.ok(MeshCall.chat instanceof exports.MeshCallChat);
    assert.ok(MeshCall.videochat instanceof exports.MeshCallVideoChat);
  });

  test(`${face}: the enum objects on videochat hold the declared names and values`, () => {
    const videochat = exports.MeshCall.videochat;
    const enums = [...classes.get('MeshCallVideoChat').types].filter(([, type]) => literals.has(type));
    assert.deepEqual(enums.map(([property]) => property).sort(),
        ['CallType', 'PeerConnectionState', 'SessionConnectionState', 'SessionState']);
    for (const [property, type] of enums) {
      assert.deepEqual({...videochat[property]}, literals.get(type), `videochat.${property} (${type})`);
      assert.ok(Object.isFrozen(videochat[property]), `videochat.${property} is frozen`);
      assert.equal(videochat[property], videochat[property], `videochat.${property} is one object, read after read`);
    }
  });
}
