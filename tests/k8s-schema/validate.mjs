#!/usr/bin/env node
// Validates compiled manifests (multi-document YAML and JSON) against the
// Kubernetes OpenAPI schemas shipped by kubernetes-models, plus the rules the
// API server applies that the schemas leave out (names, port names, env
// names, selectors, references between objects, kustomization resources).
//
// usage: node validate.mjs [--max-problems N] PATH...
//   PATH: a file, or a directory searched recursively for *.yaml, *.yml, *.json.
// Prints one line per problem: FILE[:LINE]: KIND/NAME: JSON.PATH: message,
// then a summary line. Exit 0 without problems, 1 with problems, 2 on usage errors.

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname, resolve, extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseAllDocuments, LineCounter } from "yaml";

import * as rules from "./rules.mjs";

const MANIFEST_EXTS = new Set([".yaml", ".yml", ".json"]);

function usage(message) {
  if (message) process.stderr.write(`validate.mjs: ${message}\n`);
  process.stderr.write("usage: node validate.mjs [--max-problems N] PATH...\n");
  process.exit(2);
}

/* ---------- input ---------- */

function listFiles(path, out) {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    out.missing.push(path);
    return;
  }
  if (st.isDirectory()) {
    const entries = readdirSync(path).sort();
    for (const entry of entries) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      const child = join(path, entry);
      const cst = statSync(child);
      if (cst.isDirectory()) listFiles(child, out);
      else if (MANIFEST_EXTS.has(extname(entry))) out.files.push(child);
    }
    out.dirs.push(path);
  } else {
    out.files.push(path);
  }
}

// YAML 1.1 as kubectl reads it (go-yaml v2): booleans yes/no/on/off, octal
// 0755, 1_000; but no sexagesimal numbers and timestamps stay strings.
function yaml11Tags(tags) {
  return tags.filter((t) => t.format !== "TIME" && !/timestamp$/.test(t.tag || ""));
}

function describeScalar(v) {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

// The first paths where the YAML 1.2 and YAML 1.1 readings differ.
function yamlDiffs(a, b, path, out) {
  if (out.length >= 5) return;
  if (b instanceof Date && typeof a === "string") return;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b)))
      out.push({ path, a, b });
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    out.push({ path, a, b });
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) yamlDiffs(a[k], b[k], [...path, Array.isArray(a) ? Number(k) : k], out);
}

// Returns { objects: [{file, line(pathArray), obj, where}], problems: [...] }.
function loadFile(file, report) {
  const objects = [];
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    report({ file, message: `cannot read: ${e.message}` });
    return objects;
  }
  const push = (value, lineOf, docLabel) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => push(v, (p) => lineOf([i, ...p]), docLabel));
      return;
    }
    if (typeof value !== "object") {
      report({ file, line: lineOf([]), message: `${docLabel}: not an object` });
      return;
    }
    if (value.kind === "List" && Array.isArray(value.items)) {
      value.items.forEach((v, i) => push(v, (p) => lineOf(["items", i, ...p]), docLabel));
      return;
    }
    objects.push({ file, obj: value, lineOf });
  };

  if (extname(file) === ".json") {
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      report({ file, message: `invalid JSON: ${e.message}` });
      return objects;
    }
    push(value, () => undefined, "document");
    return objects;
  }

  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true });
  const docs11 = parseAllDocuments(text, { version: "1.1", customTags: yaml11Tags });
  if (!Array.isArray(docs)) return objects; // an empty stream
  docs.forEach((doc, i) => {
    const label = `document ${i + 1}`;
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const line = err.linePos ? err.linePos[0].line : undefined;
        report({ file, line, message: `${label}: invalid YAML: ${err.message.split("\n")[0]}` });
      }
      return;
    }
    const lineOf = (p) => {
      for (let n = p.length; n >= 0; n--) {
        const node = doc.getIn(p.slice(0, n), true);
        if (node && node.range) return lc.linePos(node.range[0]).line;
      }
      return undefined;
    };
    let value;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      report({ file, line: lineOf([]), message: `${label}: invalid YAML: ${e.message}` });
      return;
    }
    const doc11 = Array.isArray(docs11) ? docs11[i] : undefined;
    if (doc11 && doc11.errors.length === 0) {
      const diffs = [];
      let value11 = value;
      try {
        value11 = doc11.toJS({ maxAliasCount: 100 });
      } catch {
        value11 = value;
      }
      yamlDiffs(value, value11, [], diffs);
      for (const d of diffs)
        report({
          file,
          line: lineOf(d.path),
          object: rules.objectLabel(value),
          path: d.path,
          message: `YAML 1.1 readers such as kubectl read ${describeScalar(d.b)} here, ` +
            `not ${describeScalar(d.a)}: quote the scalar`,
        });
    }
    push(value, lineOf, label);
  });
  return objects;
}

/* ---------- schemas ---------- */

const modelCache = new Map();
const MODELS_DIR = fileURLToPath(new URL("./node_modules/kubernetes-models/", import.meta.url));

// The kubernetes-models class for apiVersion/kind, and its raw validator (used
// to find the fields the schema does not know). Files are located by path, so
// that this also runs on Node.js 18 (no synchronous import.meta.resolve).
async function loadModel(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let entry = null;
  if (/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    const file = join(MODELS_DIR, apiVersion, `${kind}.js`);
    if (existsSync(file)) {
      const mod = await import(pathToFileURL(file).href);
      const Model = mod[kind];
      const m = /_schemas\/(\w+)\.js/.exec(readFileSync(file, "utf8"));
      const schemaFile = m ? join(MODELS_DIR, "_schemas", `${m[1]}.js`) : null;
      const rawValidate = schemaFile && existsSync(schemaFile)
        ? (await import(pathToFileURL(schemaFile).href)).validate : null;
      if (typeof Model === "function" && typeof rawValidate === "function") entry = { Model, rawValidate };
      else throw new Error(`unexpected layout of ${file}`);
    }
  }
  modelCache.set(key, entry);
  return entry;
}

function pointerToPath(pointer) {
  if (!pointer) return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

// Schema errors grouped per location; a format failure inside a oneOf (the
// quantity and int-or-string types) says more than the alternatives.
function schemaProblems(errors) {
  const byPath = new Map();
  for (const e of errors) {
    let path = pointerToPath(e.instancePath);
    let message = e.message || e.keyword;
    if (e.keyword === "required" && e.params && e.params.missingProperty) {
      path = [...path, e.params.missingProperty];
      message = "is required";
    } else if (e.keyword === "enum" && e.params && e.params.allowedValues) {
      message = `must be one of ${e.params.allowedValues.join(", ")}`;
    }
    const key = JSON.stringify(path);
    if (!byPath.has(key)) byPath.set(key, { path, errors: [] });
    byPath.get(key).errors.push({ keyword: e.keyword, message });
  }
  const out = [];
  for (const { path, errors: list } of byPath.values()) {
    let chosen = list.filter((e) => e.keyword === "format");
    if (chosen.length === 0) chosen = list.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf");
    if (chosen.length === 0) chosen = list;
    const messages = [...new Set(chosen.map((e) => e.message))];
    out.push({ path, message: `schema: ${messages.join("; ")}` });
  }
  return out;
}

// Runs the raw validator on a proxy that records which keys it reads: a key
// of a visited object that the schema never looked at is an unknown field,
// which `kubectl apply` (strict field validation) refuses.
function unknownFields(rawValidate, obj) {
  const visits = new Map();
  const proxies = new WeakMap();
  const wrap = (value, path) => {
    if (value === null || typeof value !== "object") return value;
    if (proxies.has(value)) return proxies.get(value);
    const read = new Set();
    visits.set(value, { path, read });
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key !== "string") return Reflect.get(target, key, receiver);
        read.add(key);
        const child = Reflect.get(target, key, receiver);
        const step = Array.isArray(target) && /^[0-9]+$/.test(key) ? Number(key) : key;
        return Object.prototype.hasOwnProperty.call(target, key) ? wrap(child, [...path, step]) : child;
      },
      has(target, key) {
        if (typeof key === "string") read.add(key);
        return Reflect.has(target, key);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  rawValidate(wrap(obj, []));
  const out = [];
  for (const [value, { path, read }] of visits) {
    if (Array.isArray(value) || read.size === 0) continue;
    for (const key of Object.keys(value))
      if (!read.has(key)) out.push({ path: [...path, key], message: "unknown field" });
  }
  return out;
}

/* ---------- main ---------- */

async function main() {
  const args = process.argv.slice(2);
  let maxProblems = 1000;
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--max-problems") {
      maxProblems = Number(args[++i]);
      if (!Number.isInteger(maxProblems) || maxProblems < 1) usage("--max-problems needs a positive integer");
    } else if (args[i] === "-h" || args[i] === "--help") {
      usage();
    } else if (args[i].startsWith("-") && args[i] !== "-") {
      usage(`unknown option ${args[i]}`);
    } else {
      paths.push(args[i]);
    }
  }
  if (paths.length === 0) usage("no PATH given");
  if (!existsSync(MODELS_DIR)) {
    process.stderr.write(`validate.mjs: ${MODELS_DIR} is missing: run npm ci --prefix ${dirname(dirname(MODELS_DIR))}\n`);
    process.exit(2);
  }

  let problemCount = 0;
  const report = (p) => {
    problemCount++;
    if (problemCount > maxProblems) return;
    let where = p.file;
    if (p.line !== undefined) where += `:${p.line}`;
    const parts = [where];
    if (p.object) parts.push(p.object);
    if (p.path && p.path.length > 0) parts.push(rules.formatPath(p.path));
    process.stdout.write(`${parts.join(": ")}: ${p.message}\n`);
  };

  const input = { files: [], dirs: [], missing: [] };
  for (const p of paths) listFiles(p, input);
  for (const m of input.missing) report({ file: m, message: "no such file or directory" });
  const files = [...new Set(input.files)];
  for (const d of input.dirs)
    if (!files.some((f) => resolve(f).startsWith(resolve(d) + "/")))
      report({ file: d, message: "no manifest files (*.yaml, *.yml, *.json) in this directory" });

  // Objects grouped by directory: references between objects (Service →
  // workload, volume → PVC, kustomization → files) stay within one output.
  const groups = new Map();
  let objectCount = 0;
  for (const file of files) {
    const dir = dirname(resolve(file));
    if (!groups.has(dir)) groups.set(dir, { dir, files: [], objects: [] });
    const group = groups.get(dir);
    group.files.push(file);
    for (const item of loadFile(file, report)) {
      group.objects.push(item);
      objectCount++;
    }
  }

  for (const group of groups.values()) {
    for (const item of group.objects) {
      const { obj, file } = item;
      const label = rules.objectLabel(obj);
      const objReport = (path, message) =>
        report({ file, line: item.lineOf(path), object: label, path, message });

      if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
        if (typeof obj.apiVersion !== "string") objReport(["apiVersion"], "is required");
        if (typeof obj.kind !== "string") objReport(["kind"], "is required");
        continue;
      }
      if (rules.isKustomization(obj)) {
        rules.checkKustomization(obj, file, group, objReport);
        continue;
      }
      const model = await loadModel(obj.apiVersion, obj.kind);
      if (!model) {
        objReport(["kind"], `${obj.apiVersion} ${obj.kind} is not a built-in Kubernetes kind`);
        continue;
      }
      try {
        new model.Model(obj).validate();
      } catch (e) {
        if (!Array.isArray(e.errors)) throw e;
        for (const p of schemaProblems(e.errors)) objReport(p.path, p.message);
      }
      for (const p of unknownFields(model.rawValidate, obj)) objReport(p.path, p.message);
      rules.checkObject(obj, objReport);
    }
    rules.checkGroup(group, (item, path, message) =>
      report({ file: item.file, line: item.lineOf(path), object: rules.objectLabel(item.obj), path, message }));
  }

  if (problemCount > maxProblems)
    process.stdout.write(`… ${problemCount - maxProblems} more problems not shown\n`);
  const summary = `k8s-schema: ${objectCount} objects checked in ${files.length} file${files.length === 1 ? "" : "s"}, ` +
    `${problemCount} problem${problemCount === 1 ? "" : "s"}`;
  process.stdout.write(`${summary}\n`);
  process.exitCode = problemCount > 0 ? 1 : 0;
}

process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(1);
  throw e;
});

main().catch((e) => {
  process.stderr.write(`validate.mjs: internal error: ${e && e.stack ? e.stack : e}\n`);
  process.exit(3);
});
