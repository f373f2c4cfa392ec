// One exported event per tuple, as the line each format writes.
import { csvLine } from "./csv";
import { type ExportFormat, ecsEvent, FLAT_FIELDS, flatEvent, ocsfEvent } from "./events";
import type { Flow } from "./flow";

export const EVENT_LINES: Record<ExportFormat, (flow: Flow) => string> = {
  jsonl: (flow) => `${JSON.stringify(flatEvent(flow))}\n`,
  csv: (flow) => {
    const event = flatEvent(flow);
    return csvLine(FLAT_FIELDS.map((field) => event[field]));
  },
  ecs: (flow) => `${JSON.stringify(ecsEvent(flow))}\n`,
  ocsf: (flow) => `${JSON.stringify(ocsfEvent(flow))}\n`,
};
