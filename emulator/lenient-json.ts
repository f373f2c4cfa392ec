// ARM reads request bodies with a lenient JSON reader (Json.NET): single-quoted strings, unquoted
// keys, comments and trailing commas parse, and a boolean or integer field takes "false" or "5".
// Documentation bodies rely on this (PowerShell here-strings such as `{'enabled': 'false', days: 5}`).
import JSON5 from "json5";
import { armErrors } from "./errors";

export function parseLenientJson(raw: string): unknown {
  try {
    return JSON5.parse(raw);
  } catch (e) {
    throw armErrors.invalidRequestContent((e as Error).message);
  }
}

/** A boolean field as Json.NET converts it: true/false, or the strings "true"/"false" in any case. */
export function armBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null || typeof value === "boolean") return value ?? undefined;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === "true";
  throw armErrors.invalidRequestContent(
    `could not convert ${JSON.stringify(value)} to Boolean (path '${field}')`,
  );
}

/** An integer field as Json.NET converts it: a number, or a string of digits. */
export function armInteger(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isFinite(number)) return number;
  throw armErrors.invalidRequestContent(
    `could not convert ${JSON.stringify(value)} to Int32 (path '${field}')`,
  );
}
