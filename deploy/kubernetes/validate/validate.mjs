// Reads a JSON array of Kubernetes objects on standard input (kubectl kustomize's output, as JSON)
// and validates each against its JSON schema: the Kubernetes API's (kubernetes-models) or the
// prometheus-operator CRDs' (@kubernetes-models/prometheus-operator). Prints one line per object;
// exits 1 if any object is invalid or of a kind it has no schema for.
//   npm ci && node validate.mjs < objects.json
import { readFileSync } from "node:fs";

function modulePath(apiVersion) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "monitoring.coreos.com") {
    return `@kubernetes-models/prometheus-operator/${group}/${version}`;
  }
  return group === "" ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

const objects = JSON.parse(readFileSync(0, "utf8"));
let failed = 0;
for (const object of objects) {
  const name = `${object.kind}/${object.metadata?.name} (${object.apiVersion})`;
  try {
    const models = await import(modulePath(object.apiVersion));
    const Model = models[object.kind];
    if (!Model) {
      throw new Error(`no schema for kind ${object.kind} in ${modulePath(object.apiVersion)}`);
    }
    new Model(object).validate();
    console.log(`valid ${name}`);
  } catch (error) {
    failed++;
    console.log(`INVALID ${name}: ${error.message}`);
  }
}
process.exit(failed === 0 && objects.length > 0 ? 0 : 1);
