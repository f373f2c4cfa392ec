// Proves the harness: a trivial dynamic resource through the real engine, offline.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as pulumi from "@pulumi/pulumi";
import { changedKeys, stackOutput, stepOps, TestStack } from "../support/engine";

interface NoteInputs {
  text: string;
}

const noteProvider: pulumi.dynamic.ResourceProvider<NoteInputs, NoteInputs> = {
  async create(inputs) {
    return { id: `note-${inputs.text.length}`, outs: { text: inputs.text } };
  },
  async diff(_id, olds, news) {
    const changes = olds.text !== news.text;
    return { changes, replaces: [], diffs: changes ? ["text"] : [] };
  },
  async update(_id, _olds, news) {
    return { outs: { text: news.text } };
  },
  async read(id, props) {
    return { id, props };
  },
};

class Note extends pulumi.dynamic.Resource {
  declare readonly text: pulumi.Output<string>;
  constructor(name: string, args: { text: pulumi.Input<string> }) {
    super(noteProvider, name, args, {}, "smoke", "Note");
  }
}

function program(text: string) {
  return async () => {
    const note = new Note("greeting", { text });
    return { text: note.text };
  };
}

describe("e2e harness: the real engine, offline", () => {
  let stack: TestStack;

  before(async () => {
    const version = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
    console.log(`      pulumi CLI ${version}`);
    stack = await TestStack.create({ program: program("hello") });
  });

  after(async () => {
    await stack?.dispose();
  });

  it("previews, creates, updates in place, refreshes and destroys a dynamic resource", async () => {
    const first = await stack.preview();
    assert.equal(first.result.changeSummary.create, 2); // the stack and the note

    const created = await stack.up();
    assert.equal(stackOutput(created, "text"), "hello");

    stack.setProgram(program("hello, world"));
    const preview = await stack.preview();
    assert.equal(preview.result.changeSummary.update, 1);
    assert.deepEqual(changedKeys(preview.events, "smoke:Note::greeting"), ["text"]);

    const updated = await stack.up();
    assert.equal(stackOutput(updated, "text"), "hello, world");
    const ops = stepOps(updated.events);
    assert.equal([...ops.entries()].find(([urn]) => urn.endsWith("::greeting"))?.[1], "update");

    const refreshed = await stack.refresh();
    assert.equal(refreshed.result.summary.result, "succeeded");

    const state = await stack.state();
    const note = state.resources?.find((r) => r.type === "pulumi-nodejs:dynamic/smoke:Note");
    assert.equal(note?.outputs?.text, "hello, world");

    const destroyed = await stack.destroy();
    assert.equal(destroyed.result.summary.resourceChanges?.delete, 2);
  });
});
