// Rules the Kubernetes API server (and kustomize) enforce that the OpenAPI
// schemas do not express. Each check calls report(path, message) with the
// JSON path as an array of keys and indices.

import { existsSync } from "node:fs";
import { dirname, resolve, extname, basename } from "node:path";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const POD_TEMPLATE_KINDS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
                                    "ReplicationController"]);

/* ---------- helpers ---------- */

export function formatPath(path) {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) out += out === "" ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

export function objectLabel(obj) {
  const kind = obj && typeof obj.kind === "string" ? obj.kind : "?";
  if (!obj || !obj.metadata || typeof obj.metadata.name !== "string") return kind;
  return `${kind}/${obj.metadata.name}`;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const asArray = (v) => (Array.isArray(v) ? v : []);
const asObject = (v) => (isObject(v) ? v : {});

function checkDns1123Label(value, path, report, what = "a DNS-1123 label") {
  if (typeof value !== "string") return;
  if (value.length > 63 || !DNS1123_LABEL.test(value))
    report(path, `${JSON.stringify(value)} must be ${what} (lower-case letters, digits and '-', ` +
      "starting and ending with a letter or digit, at most 63 characters)");
}

function checkDns1123Subdomain(value, path, report) {
  if (typeof value !== "string") return;
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value))
    report(path, `${JSON.stringify(value)} must be a DNS-1123 subdomain (lower-case letters, digits, ` +
      "'-' and '.', at most 253 characters)");
}

function checkDns1035Label(value, path, report) {
  if (typeof value !== "string") return;
  if (value.length > 63 || !DNS1035_LABEL.test(value))
    report(path, `${JSON.stringify(value)} must be a DNS-1035 label (starting with a lower-case ` +
      "letter; lower-case letters, digits and '-'; at most 63 characters)");
}

function qualifiedNameProblem(key) {
  const parts = key.split("/");
  if (parts.length > 2) return "has more than one '/'";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return "has an empty prefix";
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return "has a prefix that is not a DNS-1123 subdomain";
  }
  if (name.length === 0) return "has an empty name part";
  if (name.length > 63) return "has a name part longer than 63 characters";
  if (!QUALIFIED_NAME_PART.test(name)) return "has a name part with characters other than alphanumerics, '-', '_', '.'";
  return null;
}

function checkQualifiedName(value, path, report, what = "key") {
  if (typeof value !== "string") return;
  const problem = qualifiedNameProblem(value);
  if (problem) report(path, `${what} ${JSON.stringify(value)} ${problem}`);
}

function checkLabelValue(value, path, report) {
  if (typeof value !== "string") return;
  if (value.length > 63 || (value !== "" && !QUALIFIED_NAME_PART.test(value)))
    report(path, `label value ${JSON.stringify(value)} must be at most 63 characters of alphanumerics, ` +
      "'-', '_' and '.', starting and ending with an alphanumeric");
}

function checkLabels(labels, path, report) {
  for (const [k, v] of Object.entries(asObject(labels))) {
    checkQualifiedName(k, [...path, k], report, "label key");
    checkLabelValue(v, [...path, k], report);
  }
}

// IANA_SVC_NAME (RFC 6335), what Kubernetes requires of container port names.
export function ianaSvcNameProblem(name) {
  if (name.length > 15) return "is longer than 15 characters";
  if (!/^[-a-z0-9]+$/.test(name)) return "may contain only lower-case letters, digits and '-'";
  if (!/[a-z]/.test(name)) return "must contain at least one letter";
  if (name.startsWith("-") || name.endsWith("-")) return "must not begin or end with '-'";
  if (name.includes("--")) return "must not contain '--'";
  return null;
}

function checkIanaSvcName(value, path, report) {
  if (typeof value !== "string") return;
  const problem = ianaSvcNameProblem(value);
  if (problem) report(path, `port name ${JSON.stringify(value)} ${problem} (IANA_SVC_NAME)`);
}

function checkPortNumber(value, path, report) {
  if (typeof value === "number" && (!Number.isInteger(value) || value < 1 || value > 65535))
    report(path, `port ${value} must be between 1 and 65535`);
}

const SUFFIXES = {
  n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

// A resource quantity as a number, or undefined when it does not parse (the
// schema reports that).
export function parseQuantity(q) {
  if (typeof q === "number") return q;
  if (typeof q !== "string") return undefined;
  const m = /^([+-]?[0-9.]+)([eE][+-]?[0-9]+|[a-zA-Z]*)$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (Number.isNaN(n)) return undefined;
  if (/^[eE]/.test(m[2])) return n * 10 ** Number(m[2].slice(1));
  return m[2] in SUFFIXES ? n * SUFFIXES[m[2]] : undefined;
}

export function selectorMatches(selector, labels) {
  const sel = asObject(selector);
  const lab = asObject(labels);
  for (const [k, v] of Object.entries(asObject(sel.matchLabels))) if (lab[k] !== v) return false;
  for (const e of asArray(sel.matchExpressions)) {
    const has = Object.prototype.hasOwnProperty.call(lab, e.key);
    const values = asArray(e.values);
    switch (e.operator) {
      case "In": if (!has || !values.includes(lab[e.key])) return false; break;
      case "NotIn": if (has && values.includes(lab[e.key])) return false; break;
      case "Exists": if (!has) return false; break;
      case "DoesNotExist": if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

// The pod template of a workload: { path, template } or null.
export function podTemplate(obj) {
  if (POD_TEMPLATE_KINDS.has(obj.kind))
    return { path: ["spec", "template"], template: asObject(asObject(obj.spec).template) };
  if (obj.kind === "CronJob")
    return {
      path: ["spec", "jobTemplate", "spec", "template"],
      template: asObject(asObject(asObject(asObject(obj.spec).jobTemplate).spec).template),
    };
  if (obj.kind === "Pod") return { path: [], template: obj };
  return null;
}

/* ---------- pod spec ---------- */

function checkEnv(container, path, report) {
  const env = asArray(container.env);
  const defined = new Set();
  const canCheckRefs = asArray(container.envFrom).length === 0;
  env.forEach((e, i) => {
    const p = [...path, "env", i];
    if (!isObject(e)) return;
    if (typeof e.name === "string") {
      if (!ENV_NAME.test(e.name))
        report([...p, "name"], `environment variable name ${JSON.stringify(e.name)} must consist of ` +
          "letters, digits, '_', '-' and '.', and must not start with a digit");
      if (defined.has(e.name))
        report([...p, "name"], `environment variable ${e.name} is defined twice (Kubernetes keeps the last one)`);
    }
    if (e.value !== undefined && e.value !== "" && e.valueFrom !== undefined)
      report(p, "may not have both value and valueFrom");
    if (isObject(e.valueFrom)) {
      const sources = Object.keys(e.valueFrom);
      if (sources.length !== 1) report([...p, "valueFrom"], "must have exactly one source");
      for (const ref of ["secretKeyRef", "configMapKeyRef"]) {
        const r = e.valueFrom[ref];
        if (!isObject(r)) continue;
        checkDns1123Subdomain(r.name, [...p, "valueFrom", ref, "name"], report);
        if (typeof r.key === "string" && (r.key.length > 253 || !CONFIG_KEY.test(r.key)))
          report([...p, "valueFrom", ref, "key"], `key ${JSON.stringify(r.key)} must consist of ` +
            "alphanumerics, '-', '_' and '.'");
      }
    }
    if (typeof e.value === "string" && canCheckRefs)
      for (const ref of dollarRefs(e.value, ENV_NAME))
        if (!defined.has(ref))
          report([...p, "value"], `$(${ref}) does not name a variable defined before ${e.name}: ` +
            "Kubernetes leaves it as written");
    if (typeof e.name === "string") defined.add(e.name);
  });
  if (!canCheckRefs) return;
  // In command and args only upper-case names count: $(hostname) there is
  // usually shell command substitution.
  for (const field of ["command", "args"])
    asArray(container[field]).forEach((arg, i) => {
      if (typeof arg !== "string") return;
      for (const ref of dollarRefs(arg, /^[A-Z_][A-Z0-9_]*$/))
        if (!defined.has(ref))
          report([...path, field, i], `$(${ref}) does not name a variable of the container: ` +
            "Kubernetes leaves it as written");
    });
}

// Names referenced as $(NAME) (not $$(NAME), the escaped form).
function dollarRefs(text, nameRe) {
  const out = [];
  const re = /\$\$|\$\(([^)]*)\)/g;
  let m;
  while ((m = re.exec(text)) !== null) if (m[1] !== undefined && nameRe.test(m[1])) out.push(m[1]);
  return out;
}

function checkProbe(probe, container, path, report) {
  if (!isObject(probe)) return;
  const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter((h) => probe[h] !== undefined);
  if (handlers.length !== 1) {
    report(path, handlers.length === 0 ? "must have one handler (exec, httpGet, tcpSocket or grpc)"
      : `must have only one handler, has ${handlers.join(", ")}`);
    return;
  }
  const h = handlers[0];
  const hp = [...path, h];
  if (h === "exec" && asArray(asObject(probe.exec).command).length === 0)
    report([...hp, "command"], "must not be empty");
  if (h === "httpGet" || h === "tcpSocket" || h === "grpc") {
    const port = asObject(probe[h]).port;
    checkPortNumber(port, [...hp, "port"], report);
    if (typeof port === "string") {
      checkIanaSvcName(port, [...hp, "port"], report);
      if (!asArray(container.ports).some((p) => isObject(p) && p.name === port))
        report([...hp, "port"], `names port ${JSON.stringify(port)}, which the container does not have`);
    }
  }
}

function checkResources(resources, path, report) {
  const r = asObject(resources);
  const requests = asObject(r.requests);
  const limits = asObject(r.limits);
  for (const [name, req] of Object.entries(requests)) {
    if (!(name in limits)) continue;
    const a = parseQuantity(req);
    const b = parseQuantity(limits[name]);
    if (a !== undefined && b !== undefined && a > b)
      report([...path, "requests", name], `request ${req} is greater than the limit ${limits[name]}`);
  }
}

function checkPodSpec(spec, path, report, claimTemplates, isWorkloadTemplate) {
  const containerNames = new Set();
  const portNames = new Set();
  const volumeNames = new Set();

  asArray(spec.volumes).forEach((v, i) => {
    const p = [...path, "volumes", i];
    if (!isObject(v)) return;
    checkDns1123Label(v.name, [...p, "name"], report);
    if (volumeNames.has(v.name)) report([...p, "name"], `volume ${v.name} is defined twice`);
    volumeNames.add(v.name);
    const sources = Object.keys(v).filter((k) => k !== "name");
    if (sources.length !== 1) report(p, "must have exactly one volume source");
    if (isObject(v.persistentVolumeClaim))
      checkDns1123Subdomain(v.persistentVolumeClaim.claimName, [...p, "persistentVolumeClaim", "claimName"], report);
  });
  const mountable = new Set([...volumeNames, ...claimTemplates]);

  const checkContainer = (c, p, isInit) => {
    if (!isObject(c)) return;
    checkDns1123Label(c.name, [...p, "name"], report, "a container name (DNS-1123 label)");
    if (containerNames.has(c.name)) report([...p, "name"], `container name ${c.name} is used twice in the pod`);
    containerNames.add(c.name);
    if (typeof c.image !== "string" || c.image.trim() === "") report([...p, "image"], "is required");
    else if (c.image !== c.image.trim() || /\s/.test(c.image))
      report([...p, "image"], `image ${JSON.stringify(c.image)} must not contain white space`);

    asArray(c.ports).forEach((port, j) => {
      const pp = [...p, "ports", j];
      if (!isObject(port)) return;
      checkPortNumber(port.containerPort, [...pp, "containerPort"], report);
      if (port.name !== undefined) {
        checkIanaSvcName(port.name, [...pp, "name"], report);
        if (portNames.has(port.name)) report([...pp, "name"], `port name ${port.name} is used twice in the pod`);
        portNames.add(port.name);
      }
    });
    checkEnv(c, p, report);
    checkResources(c.resources, [...p, "resources"], report);
    for (const probeName of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      if (c[probeName] === undefined) continue;
      if (isInit && c.restartPolicy !== "Always")
        report([...p, probeName], "is not allowed on an init container");
      else checkProbe(c[probeName], c, [...p, probeName], report);
    }
    const mountPaths = new Set();
    asArray(c.volumeMounts).forEach((m, j) => {
      const mp = [...p, "volumeMounts", j];
      if (!isObject(m)) return;
      if (typeof m.name === "string" && !mountable.has(m.name))
        report([...mp, "name"], `refers to volume ${JSON.stringify(m.name)}, which the pod does not define`);
      if (typeof m.mountPath === "string") {
        if (m.mountPath === "") report([...mp, "mountPath"], "must not be empty");
        if (mountPaths.has(m.mountPath)) report([...mp, "mountPath"], `${m.mountPath} is mounted twice`);
        mountPaths.add(m.mountPath);
      }
    });
  };
  asArray(spec.initContainers).forEach((c, i) => checkContainer(c, [...path, "initContainers", i], true));
  asArray(spec.containers).forEach((c, i) => checkContainer(c, [...path, "containers", i], false));

  if (isWorkloadTemplate && spec.restartPolicy !== undefined && spec.restartPolicy !== "Always")
    report([...path, "restartPolicy"], "must be Always for this workload");

  const na = asObject(asObject(spec.affinity).nodeAffinity);
  const required = asObject(na.requiredDuringSchedulingIgnoredDuringExecution);
  const termsPath = [...path, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                     "nodeSelectorTerms"];
  if (isObject(na.requiredDuringSchedulingIgnoredDuringExecution) && asArray(required.nodeSelectorTerms).length === 0)
    report(termsPath, "must have at least one term");
  asArray(required.nodeSelectorTerms).forEach((t, i) =>
    asArray(asObject(t).matchExpressions).forEach((e, j) =>
      checkRequirement(e, [...termsPath, i, "matchExpressions", j], report, true)));

  asArray(spec.tolerations).forEach((t, i) => {
    const p = [...path, "tolerations", i];
    if (!isObject(t)) return;
    if (t.key) checkQualifiedName(t.key, [...p, "key"], report);
    const op = t.operator || "Equal";
    if (op === "Exists" && t.value) report([...p, "value"], "must be empty when operator is Exists");
    if (op === "Equal" && !t.key) report([...p, "operator"], "must be Exists when key is empty");
    if (op === "Equal" && typeof t.value === "string") checkLabelValue(t.value, [...p, "value"], report);
  });
}

function checkRequirement(e, path, report, nodeSelector) {
  if (!isObject(e)) return;
  checkQualifiedName(e.key, [...path, "key"], report);
  const values = asArray(e.values);
  if ((e.operator === "In" || e.operator === "NotIn") && values.length === 0)
    report([...path, "values"], `must not be empty with operator ${e.operator}`);
  if ((e.operator === "Exists" || e.operator === "DoesNotExist") && values.length > 0)
    report([...path, "values"], `must be empty with operator ${e.operator}`);
  if (nodeSelector && (e.operator === "Gt" || e.operator === "Lt") &&
      (values.length !== 1 || !/^-?[0-9]+$/.test(String(values[0]))))
    report([...path, "values"], `must be one integer with operator ${e.operator}`);
  for (const [i, v] of values.entries()) checkLabelValue(v, [...path, "values", i], report);
}

/* ---------- per object ---------- */

export function checkObject(obj, report) {
  const meta = asObject(obj.metadata);
  if (typeof meta.name !== "string" || meta.name === "") {
    if (!meta.generateName) report(["metadata", "name"], "is required");
  } else if (obj.kind === "Service") {
    checkDns1035Label(meta.name, ["metadata", "name"], report);
  } else if (obj.kind === "Namespace") {
    checkDns1123Label(meta.name, ["metadata", "name"], report);
  } else {
    checkDns1123Subdomain(meta.name, ["metadata", "name"], report);
  }
  if (meta.namespace !== undefined) checkDns1123Label(meta.namespace, ["metadata", "namespace"], report);
  checkLabels(meta.labels, ["metadata", "labels"], report);
  for (const k of Object.keys(asObject(meta.annotations)))
    checkQualifiedName(k, ["metadata", "annotations", k], report, "annotation key");

  const pt = podTemplate(obj);
  if (pt) checkWorkload(obj, pt, report);
  if (obj.kind === "Service") checkService(obj, report);
  if (obj.kind === "Secret" || obj.kind === "ConfigMap") checkDataKeys(obj, report);
  if (obj.kind === "PersistentVolumeClaim") checkClaimSpec(asObject(obj.spec), ["spec"], report);
}

function checkWorkload(obj, pt, report) {
  const tmeta = asObject(pt.template.metadata);
  const spec = asObject(obj.spec);
  if (obj.kind !== "Pod") {
    checkLabels(tmeta.labels, [...pt.path, "metadata", "labels"], report);
    const selector = obj.kind === "CronJob" ? undefined : spec.selector;
    if (obj.kind !== "Job" && obj.kind !== "CronJob") {
      const sel = asObject(selector);
      if (Object.keys(asObject(sel.matchLabels)).length === 0 && asArray(sel.matchExpressions).length === 0)
        report(["spec", "selector"], "must not be empty");
      else if (!selectorMatches(sel, tmeta.labels))
        report(["spec", "selector"], `does not match the pod template labels (${pt.path.concat("metadata", "labels").join(".")})`);
      asArray(sel.matchExpressions).forEach((e, i) =>
        checkRequirement(e, ["spec", "selector", "matchExpressions", i], report, false));
      checkLabels(sel.matchLabels, ["spec", "selector", "matchLabels"], report);
    }
  }
  const claimTemplates = [];
  if (obj.kind === "StatefulSet") {
    asArray(spec.volumeClaimTemplates).forEach((t, i) => {
      const p = ["spec", "volumeClaimTemplates", i];
      const name = asObject(asObject(t).metadata).name;
      if (typeof name !== "string") report([...p, "metadata", "name"], "is required");
      else checkDns1123Label(name, [...p, "metadata", "name"], report);
      claimTemplates.push(name);
      checkClaimSpec(asObject(asObject(t).spec), [...p, "spec"], report);
    });
  }
  const podSpecPath = [...pt.path, "spec"];
  const workload = obj.kind === "Deployment" || obj.kind === "StatefulSet" || obj.kind === "DaemonSet" ||
    obj.kind === "ReplicaSet" || obj.kind === "ReplicationController";
  checkPodSpec(asObject(pt.template.spec), podSpecPath, report, claimTemplates, workload);
}

function checkClaimSpec(spec, path, report) {
  if (asArray(spec.accessModes).length === 0) report([...path, "accessModes"], "must not be empty");
  if (asObject(asObject(spec.resources).requests).storage === undefined)
    report([...path, "resources", "requests", "storage"], "is required");
}

function checkService(obj, report) {
  const spec = asObject(obj.spec);
  const type = spec.type || "ClusterIP";
  const headless = spec.clusterIP === "None";
  if (headless && (type === "NodePort" || type === "LoadBalancer"))
    report(["spec", "clusterIP"], `may not be None for type ${type}`);
  const ports = asArray(spec.ports);
  if (ports.length === 0 && !headless && type !== "ExternalName") report(["spec", "ports"], "must not be empty");
  const names = new Set();
  const numbers = new Set();
  ports.forEach((p, i) => {
    const pp = ["spec", "ports", i];
    if (!isObject(p)) return;
    if (ports.length > 1 && (p.name === undefined || p.name === ""))
      report([...pp, "name"], "is required when the Service has more than one port");
    if (typeof p.name === "string" && p.name !== "") {
      checkDns1123Label(p.name, [...pp, "name"], report, "a DNS-1123 label");
      if (names.has(p.name)) report([...pp, "name"], `port name ${p.name} is used twice`);
      names.add(p.name);
    }
    checkPortNumber(p.port, [...pp, "port"], report);
    const key = `${p.port}/${p.protocol || "TCP"}`;
    if (numbers.has(key)) report([...pp, "port"], `port ${key} is listed twice`);
    numbers.add(key);
    if (typeof p.targetPort === "number") checkPortNumber(p.targetPort, [...pp, "targetPort"], report);
    if (typeof p.targetPort === "string") checkIanaSvcName(p.targetPort, [...pp, "targetPort"], report);
    if (p.nodePort !== undefined && type !== "NodePort" && type !== "LoadBalancer")
      report([...pp, "nodePort"], `may not be set for type ${type}`);
    if (typeof p.appProtocol === "string") checkQualifiedName(p.appProtocol, [...pp, "appProtocol"], report, "appProtocol");
  });
  checkLabels(spec.selector, ["spec", "selector"], report);
}

function checkDataKeys(obj, report) {
  for (const field of ["data", "stringData", "binaryData"]) {
    for (const [k, v] of Object.entries(asObject(obj[field]))) {
      if (k.length > 253 || !CONFIG_KEY.test(k))
        report([field, k], `key ${JSON.stringify(k)} must consist of alphanumerics, '-', '_' and '.'`);
      if ((field === "binaryData" || (field === "data" && obj.kind === "Secret")) &&
          typeof v === "string" && !BASE64.test(v))
        report([field, k], "must be base64-encoded");
    }
  }
}

/* ---------- kustomization ---------- */

export function isKustomization(obj) {
  return obj.kind === "Kustomization" && typeof obj.apiVersion === "string" &&
    obj.apiVersion.startsWith("kustomize.config.k8s.io/");
}

export function checkKustomization(obj, file, group, report) {
  if (obj.apiVersion !== "kustomize.config.k8s.io/v1beta1")
    report(["apiVersion"], "must be kustomize.config.k8s.io/v1beta1");
  if (obj.namespace !== undefined) checkDns1123Label(obj.namespace, ["namespace"], report);
  if (obj.resources !== undefined && !Array.isArray(obj.resources)) {
    report(["resources"], "must be a list");
    return;
  }
  const base = dirname(resolve(file));
  const listed = new Set();
  asArray(obj.resources).forEach((r, i) => {
    if (typeof r !== "string") {
      report(["resources", i], "must be a string");
      return;
    }
    if (/^[a-z]+:\/\//.test(r) || r.startsWith("git@")) return;
    const target = resolve(base, r);
    if (listed.has(target)) report(["resources", i], `${r} is listed twice`);
    listed.add(target);
    if (!existsSync(target)) report(["resources", i], `${r} does not exist`);
  });
  for (const f of group.files) {
    const abs = resolve(f);
    if (abs === resolve(file) || dirname(abs) !== base) continue;
    if (!/^kustomization\.(ya?ml)$/i.test(basename(f)) && [".yaml", ".yml", ".json"].includes(extname(f)) &&
        !listed.has(abs))
      report(["resources"], `does not list ${basename(f)}, so kubectl apply -k leaves it out`);
  }
}

/* ---------- between objects of one directory ---------- */

export function checkGroup(group, report) {
  const items = group.objects.filter((it) => isObject(it.obj) && typeof it.obj.kind === "string" &&
                                              !isKustomization(it.obj));
  const seen = new Map();
  for (const it of items) {
    const meta = asObject(it.obj.metadata);
    if (typeof meta.name !== "string") continue;
    const apiGroup = String(it.obj.apiVersion || "").includes("/") ? String(it.obj.apiVersion).split("/")[0] : "";
    const key = `${apiGroup}/${it.obj.kind}/${meta.namespace || ""}/${meta.name}`;
    if (seen.has(key))
      report(it, ["metadata", "name"], `${it.obj.kind} ${meta.name} is also defined in ${basename(seen.get(key).file)}`);
    else seen.set(key, it);
  }

  const workloads = items.map((it) => ({ it, pt: podTemplate(it.obj) })).filter((w) => w.pt && w.it.obj.kind !== "Job");
  const byKind = (kind) => items.filter((it) => it.obj.kind === kind);
  const named = (kind, name) => byKind(kind).find((it) => asObject(it.obj.metadata).name === name);

  for (const svc of byKind("Service")) {
    const spec = asObject(svc.obj.spec);
    const selector = asObject(spec.selector);
    if (Object.keys(selector).length === 0) continue;
    const matched = workloads.filter((w) => selectorMatches({ matchLabels: selector },
                                                            asObject(w.pt.template.metadata).labels));
    if (matched.length === 0) {
      report(svc, ["spec", "selector"], "selects no workload of this directory");
      continue;
    }
    if (matched.length > 1)
      report(svc, ["spec", "selector"], `selects several workloads (${matched.map((w) => objectLabel(w.it.obj)).join(", ")})`);
    asArray(spec.ports).forEach((p, i) => {
      if (!isObject(p)) return;
      const target = p.targetPort !== undefined ? p.targetPort : p.port;
      const field = p.targetPort !== undefined ? "targetPort" : "port";
      const protocol = p.protocol || "TCP";
      for (const w of matched) {
        const cports = asArray(asObject(w.pt.template.spec).containers).flatMap((c) => asArray(asObject(c).ports));
        const found = cports.find((cp) => isObject(cp) &&
          (typeof target === "string" ? cp.name === target : cp.containerPort === target));
        if (!found)
          report(svc, ["spec", "ports", i, field], `no container of ${objectLabel(w.it.obj)} has port ${target}`);
        else if ((found.protocol || "TCP") !== protocol)
          report(svc, ["spec", "ports", i, "protocol"], `is ${protocol} but container port ${target} of ` +
            `${objectLabel(w.it.obj)} is ${found.protocol || "TCP"}`);
      }
    });
  }

  for (const w of workloads) {
    const spec = asObject(w.pt.template.spec);
    const specPath = [...w.pt.path, "spec"];
    asArray(spec.volumes).forEach((v, i) => {
      const claim = asObject(asObject(v).persistentVolumeClaim).claimName;
      if (typeof claim === "string" && !named("PersistentVolumeClaim", claim))
        report(w.it, [...specPath, "volumes", i, "persistentVolumeClaim", "claimName"],
               `refers to PersistentVolumeClaim ${claim}, which is not defined in this directory`);
    });
    // A key missing from a Secret defined here stops the container at start.
    for (const field of ["initContainers", "containers"])
      asArray(spec[field]).forEach((c, ci) => asArray(asObject(c).env).forEach((e, ei) => {
        for (const [refField, kind] of [["secretKeyRef", "Secret"], ["configMapKeyRef", "ConfigMap"]]) {
          const ref = asObject(asObject(asObject(e).valueFrom)[refField]);
          if (typeof ref.name !== "string" || ref.optional === true) continue;
          const target = named(kind, ref.name);
          if (!target) continue;
          const keys = new Set([...Object.keys(asObject(target.obj.data)), ...Object.keys(asObject(target.obj.stringData)),
                                ...Object.keys(asObject(target.obj.binaryData))]);
          if (!keys.has(ref.key))
            report(w.it, [...specPath, field, ci, "env", ei, "valueFrom", refField, "key"],
                   `${kind} ${ref.name} has no key ${JSON.stringify(ref.key)}`);
        }
      }));
    if (w.it.obj.kind === "StatefulSet" && typeof asObject(w.it.obj.spec).serviceName === "string") {
      const name = w.it.obj.spec.serviceName;
      const svc = named("Service", name);
      if (!svc)
        report(w.it, ["spec", "serviceName"], `refers to Service ${name}, which is not defined in this directory`);
      else if (asObject(svc.obj.spec).clusterIP !== "None")
        report(w.it, ["spec", "serviceName"], `refers to Service ${name}, which is not headless (clusterIP: None)`);
    }
  }
}
