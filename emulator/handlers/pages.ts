// One page of an ARM list: `value`, and `nextLink` when more follow, as Microsoft.Network's lists page
// (`x-ms-pageable` with `nextLinkName: nextLink` in the spec). The link is absolute and carries the
// request's api-version and a `$skiptoken`; the page size is the emulator's `listPageSize`.
import type { EmulatorContext } from "../context";
import { armErrors } from "../errors";
import { type EmuRequest, type EmuResponse, json } from "../http";

export function pageOf(ctx: EmulatorContext, req: EmuRequest, items: unknown[]): EmuResponse {
  const token = req.query.get("$skiptoken");
  const from = token === null ? 0 : Number(token);
  if (!Number.isInteger(from) || from < 0 || from > items.length)
    throw armErrors.invalidSkipToken(String(token));
  const to = from + ctx.options.listPageSize;
  if (to >= items.length) return json(200, { value: items.slice(from) });
  const next = new URLSearchParams({
    "api-version": req.query.get("api-version") ?? "",
    $skiptoken: String(to),
  });
  return json(200, { value: items.slice(from, to), nextLink: `${ctx.origin}${encodeURI(req.path)}?${next}` });
}
