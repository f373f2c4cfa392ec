// The certificate of the emulator's HTTPS, valid for the loopback names only and made at the first start
// in a process (later emulators in the same process share it, so a client trusts it once). It is its
// own trust anchor: clients add it through NODE_EXTRA_CA_CERTS or tls.setDefaultCACertificates.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { generate } from "selfsigned";

export interface Certificate {
  cert: string;
  key: string;
  certPath: string;
}

let shared: Promise<Certificate> | undefined;

export function emulatorCertificate(): Promise<Certificate> {
  shared ??= createCertificate();
  return shared;
}

async function createCertificate(): Promise<Certificate> {
  const pems = await generate([{ name: "commonName", value: "Azure flow-log emulator (loopback)" }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  const certPath = path.join(mkdtempSync(path.join(tmpdir(), "flowlogs-emulator-")), "ca.pem");
  writeFileSync(certPath, pems.cert);
  return { cert: pems.cert, key: pems.private, certPath };
}
