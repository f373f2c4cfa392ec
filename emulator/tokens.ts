// Signing and checking tokens: the access tokens Entra ID issues (v1 shape, as ARM receives them) and
// the federated ID tokens of the emulator's own OIDC issuer (as a CI system would mint them).

import type { webcrypto } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from "jose";
import type { Clock } from "./clock";

export interface AccessTokenClaims {
  tid: string;
  appid: string;
  aud: string;
  exp: number;
}

interface KeyPair {
  privateKey: webcrypto.CryptoKey;
  publicKey: webcrypto.CryptoKey;
  jwk: JWK;
}

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  return { privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export class TokenAuthority {
  private constructor(
    private readonly clock: Clock,
    private readonly tokens: KeyPair,
    private readonly oidc: KeyPair,
  ) {}

  static async create(clock: Clock): Promise<TokenAuthority> {
    return new TokenAuthority(clock, await keyPair("emulator-aad"), await keyPair("emulator-oidc"));
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.tokens.jwk] };
  }

  get oidcJwks(): { keys: JWK[] } {
    return { keys: [this.oidc.jwk] };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  async issueAccessToken(
    tenantId: string,
    clientId: string,
    audience: string,
    lifetimeSeconds: number,
  ): Promise<string> {
    const now = this.nowSeconds();
    return new SignJWT({
      tid: tenantId,
      appid: clientId,
      azp: clientId,
      oid: clientId,
      ver: "1.0",
      idtyp: "app",
      uti: crypto.randomUUID(),
    })
      .setProtectedHeader({ alg: "RS256", kid: this.tokens.jwk.kid, typ: "JWT" })
      .setIssuer(`https://sts.windows.net/${tenantId}/`)
      .setAudience(audience)
      .setSubject(clientId)
      .setIssuedAt(now)
      .setNotBefore(now - 300)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.tokens.privateKey);
  }

  /** Checks signature and lifetime by the emulator's clock; throws with jose's `code` on failure. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const { payload } = await jwtVerify(token, this.tokens.publicKey, {
      currentDate: this.clock.now(),
      clockTolerance: 0,
    });
    return payload as unknown as AccessTokenClaims;
  }

  async mintOidcToken(issuer: string, subject: string, audience: string): Promise<string> {
    const now = this.nowSeconds();
    return new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: this.oidc.jwk.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(this.oidc.privateKey);
  }

  async verifyOidcToken(token: string, issuer: string): Promise<{ sub: string; aud: string | string[] }> {
    const { payload } = await jwtVerify(token, this.oidc.publicKey, {
      issuer,
      currentDate: this.clock.now(),
    });
    return payload as { sub: string; aud: string | string[] };
  }
}
