import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import * as pulumi from "@pulumi/pulumi";

// Each resource is a file in a folder the test names, so the test can see create and delete.
interface MarkerInputs {
  folder: string;
  label: string;
}

const markerProvider: pulumi.dynamic.ResourceProvider<MarkerInputs> = {
  async create(inputs) {
    const id = `marker-${inputs.label}`;
    mkdirSync(inputs.folder, { recursive: true });
    writeFileSync(join(inputs.folder, id), inputs.label);

    return { id, outs: inputs };
  },

  async diff(_id, olds, news) {
    return { changes: olds.label !== news.label, replaces: ["label"] };
  },

  async read(id, props) {
    return existsSync(join(props.folder, id)) ? { id, props } : { id: "" };
  },

  async delete(id, props) {
    rmSync(join(props.folder, id), { force: true });
  },
};

class Marker extends pulumi.dynamic.Resource {
  constructor(name: string, inputs: MarkerInputs) {
    super(markerProvider, name, inputs, {}, "smoke", "Marker");
  }
}

const config = new pulumi.Config();
const marker = new Marker("marker", { folder: config.require("folder"), label: "first" });

export const markerId = marker.id;
export const nodeVersion = process.version;
