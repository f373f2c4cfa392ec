// Where a downloaded blob goes: under the download folder, in a folder named for its container, one
// folder per `/`-separated part of its name. Blob names come from the storage account, so anyone who can
// write there chooses them: a name or container that would lead out of the folder is refused (a blob is
// then skipped, with why).
import * as path from "node:path";

/** Azure's rule: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
const CONTAINER_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function checkContainerName(containerName: string): void {
  if (!CONTAINER_NAME.test(containerName))
    throw new Error(
      `--container: got "${containerName}"; expected a container name (3-63 lower-case letters, digits and single hyphens)`,
    );
}

/** The first part of a blob name that cannot be a folder or file name of its own, if any. */
function unsafePart(blobName: string): string | undefined {
  return blobName.split("/").find(
    (part) =>
      part === "" ||
      part === "." ||
      part === ".." ||
      part.includes("\\") || // a separator on Windows
      part.includes("\0") ||
      /^[A-Za-z]:/.test(part), // a drive on Windows
  );
}

/** The local file for a blob, or a clear refusal naming the blob and the download folder. */
export function localPathOf(
  outDir: string,
  containerName: string,
  blobName: string,
): string | { refused: string } {
  const root = path.resolve(outDir, containerName);
  const part = unsafePart(blobName);
  const file = path.resolve(root, ...blobName.split("/"));
  if (part !== undefined || !file.startsWith(root + path.sep)) {
    const why =
      part === undefined
        ? "parts that resolve outside it"
        : part === ""
          ? "an empty part (a leading, trailing or double /)"
          : `the part ${JSON.stringify(part)}`;
    return {
      refused:
        `skipped blob ${JSON.stringify(blobName)}: its name has ${why}, which could lead outside --out ${outDir}. ` +
        "A flow log's blob names never look like this: check who writes to the container.",
    };
  }
  return file;
}
