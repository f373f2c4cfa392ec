// Ready queries for `flowlogs query --ready NAME`, over the `flows` view (docs/exports.md has its columns).
// Time windows are taken from the newest tuple in the data, not the clock, so they work on any archive.
// Kept apart from the query code so `--help` shows them without loading DuckDB.

export interface ReadyQuery {
  about: string;
  sql: string;
}

export const READY_QUERIES = {
  "top-talkers": {
    about: "sources by bytes both ways over the week up to the newest tuple",
    sql: `SELECT src, count(*) AS tuples, coalesce(sum(bytesSent), 0) + coalesce(sum(bytesReceived), 0) AS bytes
FROM flows
WHERE time > (SELECT max(time) FROM flows) - INTERVAL 7 DAY
GROUP BY src ORDER BY bytes DESC, tuples DESC, src LIMIT 10`,
  },
  "denied-by-rule": {
    about: "denied tuples per NSG (or aclID) and rule, with distinct sources",
    sql: `SELECT nsg, rule, count(*) AS denied, count(DISTINCT src) AS sources, min(time) AS firstSeen, max(time) AS lastSeen
FROM flows WHERE decision = 'deny'
GROUP BY nsg, rule ORDER BY denied DESC, nsg, rule`,
  },
  "bandwidth-by-hour": {
    about: "tuples and bytes each way per hour",
    sql: `SELECT date_trunc('hour', time) AS hourStart, count(*) AS tuples,
  coalesce(sum(bytesSent), 0) AS bytesSent, coalesce(sum(bytesReceived), 0) AS bytesReceived
FROM flows GROUP BY hourStart ORDER BY hourStart`,
  },
  "new-destinations": {
    about:
      "destinations (address, port, protocol) first seen since the start of the day before the newest tuple's",
    sql: `SELECT dst, dstPort, protocol, min(time) AS firstSeen, count(*) AS tuples
FROM flows GROUP BY dst, dstPort, protocol
HAVING min(time) >= (SELECT date_trunc('day', max(time)) - INTERVAL 1 DAY FROM flows)
ORDER BY firstSeen, dst, dstPort, protocol`,
  },
  "rules-never-hit": {
    about: "rules of the NSG given with --rules that no tuple of that NSG matched in the data",
    sql: `SELECT nsg, name, direction, access, priority FROM rules r
WHERE NOT EXISTS (SELECT 1 FROM flows f WHERE lower(f.nsg) = lower(r.nsg) AND lower(f.rule) = lower(r.loggedAs))
ORDER BY direction, priority, name`,
  },
} satisfies Record<string, ReadyQuery>;

export type ReadyQueryName = keyof typeof READY_QUERIES;
export const READY_QUERY_NAMES = Object.keys(READY_QUERIES) as ReadyQueryName[];
