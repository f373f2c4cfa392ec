// Strict mode: fields the emulator does not know are refused loudly rather than silently ignored.
import { armErrors } from "../errors";

export function rejectUnknownFields(body: object, known: string[], prefix: string): void {
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw armErrors.invalidRequestContent(
      `unsupported field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `'${prefix}${k}'`).join(", ")} (start the emulator with --loose to ignore unknown fields)`,
    );
  }
}
